/// What `scanctl audit verify` found: the hash chain, the anchors of its end outside the database,
/// the tables against the trail, the append-only triggers and, when asked, every record file.
public struct TrailVerification: Sendable, Codable, Equatable {
    public struct Problem: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            /// An event is altered, missing or out of place.
            case chain
            /// `audit-head.json` is missing, unreadable, or names an event the trail does not have as it was.
            case headFile = "head-file"
            /// A Transfervermerk names an audit head the trail does not have, or differs from what the trail recorded.
            case transfervermerk
            /// A `transfervermerk.written` event names a file that is gone.
            case deletedTransfervermerk = "deleted-transfervermerk"
            /// A `batch.closed` event's recorded head does not match the event before it.
            case batchClosed = "batch-closed"
            /// A row without the events that made it, or an event that names a row that does not exist.
            case table
            /// An append-only trigger is missing or altered.
            case trigger
            case recordMissing = "record-missing"
            case recordChanged = "record-changed"
            case recordUnexpected = "record-unexpected"
        }

        public var kind: Kind
        public var message: String

        public init(_ kind: Kind, _ message: String) {
            self.kind = kind
            self.message = message
        }
    }

    /// Events in the trail.
    public var events: Int
    /// The last event's sequence and hash (0 and the genesis hash for an empty trail).
    public var lastSequence: Int64
    public var lastHash: String
    /// The first event where the chain breaks, if it does.
    public var firstBroken: AuditTrail.Verification.BrokenEvent?
    /// Anchors checked: the head file, Transfervermerke, `batch.closed` heads.
    public var anchorsChecked: Int
    /// Record files checked (nil when records were not asked for).
    public var recordFilesChecked: Int?
    /// Every problem found, each named.
    public var problems: [Problem]

    public var isIntact: Bool { problems.isEmpty }

    /// The problems in one line, at most `limit` of them.
    public func summary(limit: Int = 5) -> String {
        let shown = problems.prefix(limit).map(\.message).joined(separator: "; ")
        return problems.count > limit ? shown + "; and \(problems.count - limit) more" : shown
    }
}
