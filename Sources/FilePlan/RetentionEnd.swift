/// When a record's retention ends (Aufbewahrungsende), and what happens then.
///
/// Retention counts from the end of the calendar year in which the file was closed (zdA), as
/// records-office regulations usually put it ("mit Ablauf des Jahres, in dem die Akte geschlossen
/// wurde"): a file closed on 5 March 2026 with 10 years is kept until 31 December 2036 and is due
/// for Aussonderung after that. A file that is not closed has no end yet.
public struct RetentionEnd: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Not closed (no zdA date): retention has not started.
        case open
        /// Kept until `date`, then due for Aussonderung.
        case until
        /// Kept for ever.
        case permanent
    }

    public var status: Status
    /// The last day of retention, for `until`.
    public var date: PlanDate?
    /// The node's retention, as the plan states it.
    public var retention: Retention
    /// What happens at the end (Aussonderungsart): A, B or V.
    public var disposal: Disposal

    /// The end of retention for a record filed under a node with `retention` and `disposal`, in a
    /// file closed on `closedOn` (nil: still open).
    public init(retention: Retention, disposal: Disposal, closedOn: PlanDate?) {
        self.retention = retention
        self.disposal = disposal
        switch (retention, closedOn) {
        case (.permanent, _):
            status = .permanent
        case (.years, nil):
            status = .open
        case (.years(let years), let closed?):
            status = .until
            date = PlanDate(year: closed.year + years, month: 12, day: 31)
        }
    }

    /// Whether retention is over on `day` (never for open files and permanent records).
    public func hasEnded(on day: PlanDate) -> Bool {
        guard status == .until, let date else { return false }
        return day > date
    }

    /// `until 2036-12-31, then V (vernichten)`, `open (not closed), 10 years, then B (bewerten)`, `permanent, A (archivwürdig)`.
    public var description: String {
        switch status {
        case .open: "open (not closed), \(retention) after closing, then \(disposal)"
        case .until: "until \(date.map(String.init(describing:)) ?? "?"), then \(disposal)"
        case .permanent: "permanent, \(disposal)"
        }
    }
}

extension PlanNode {
    /// The end of retention for a record filed here, in a file closed on `closedOn`; nil when the
    /// node (and the plan's defaults it inherits) sets no retention or no disposal code, which an
    /// export must report rather than guess.
    public func retentionEnd(closedOn: PlanDate?) -> RetentionEnd? {
        guard let retention, let disposal else { return nil }
        return RetentionEnd(retention: retention, disposal: disposal, closedOn: closedOn)
    }
}
