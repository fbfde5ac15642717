public import FilePlan
public import Foundation

/// `scanctl retention due`: which records' retention has ended, by disposal code.
extension Workspace {
    /// The states whose records count for retention: settled records, and those on their way to
    /// the archive. A record in review is not yet settled; archived and disposed ones are gone.
    static let retentionStates: [DocumentState] = [.filed, .exported, .offered, .handedOver]

    /// The last day of a record's retention, or nil when it never ends (permanent) or the plan
    /// node sets none. A record whose file is still open (no zdA date in the metadata) counts as
    /// closed in the year it was filed: a scanned paper record is a closed file, and its retention
    /// runs from the end of that year (``RetentionEnd``'s rule: the last day of year + N).
    static func retentionEndDate(of metadata: RecordMetadata) -> PlanDate? {
        guard let end = metadata.retentionEnd else { return nil }
        switch end.status {
        case .until: return end.date
        case .permanent: return nil
        case .open:
            guard case .years(let years) = end.retention, let year = Int(metadata.createdAt.prefix(4)) else { return nil }
            return PlanDate(year: year + years, month: 12, day: 31)
        }
    }

    /// Records whose retention ended before `day` (their last day of retention is earlier), in the
    /// retention states, ordered by disposal code, retention end and id. Permanent records are
    /// never due. Every record's metadata is checked against the trail as it is read.
    public func dueRecords(before day: PlanDate) async throws -> [DueRecord] {
        try await completePendingRemovals()
        var due: [DueRecord] = []
        for row in try await exportLedger.exportCandidates(states: Self.retentionStates, batchPrefix: nil) {
            let metadata = try await recordMetadata(row.id)
            guard let end = Self.retentionEndDate(of: metadata), end < day, let disposal = metadata.retentionEnd?.disposal else { continue }
            due.append(DueRecord(record: row.id, batch: row.batch, state: row.state, disposal: disposal,
                                 aktenzeichen: metadata.aktenzeichen.first, planCode: metadata.plan.code, planTitle: metadata.plan.title,
                                 title: metadata.title, retentionEnd: end, retention: metadata.retention))
        }
        let order = Disposal.allCases
        return due.sorted {
            ($0.disposal == $1.disposal) ? ($0.retentionEnd, $0.record) < ($1.retentionEnd, $1.record)
                : order.firstIndex(of: $0.disposal)! < order.firstIndex(of: $1.disposal)!
        }
    }

    /// The record's metadata.json, read and checked against the trail.
    func recordMetadata(_ document: String) async throws -> RecordMetadata {
        let data = try await verifiedRecordFile(document, name: Self.metadataFileName)
        do { return try JSONDecoder().decode(RecordMetadata.self, from: data) } catch {
            throw ScanPipelineError(.retention, path: "records/\(document)/\(Self.metadataFileName)",
                                    "the record's metadata cannot be read: \(error)")
        }
    }

    /// Today as a plan date (UTC), the default reference date.
    public static func today(_ now: Date = Date()) -> PlanDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return PlanDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
