/// What `scanctl report` is gathered from, as the store holds it. The figures, groupings and
/// wording are the library's (`Report/Workspace+Report.swift`).
///
/// What a backend must keep: ``reportFacts(batchPrefix:)`` reads everything from one snapshot;
/// batches come oldest first, events in sequence order. An empty prefix selects every batch.
/// ``batchOverview(limit:)`` reads the Posteingang's figures from one snapshot too, newest batch first.
package protocol ReportReadModel: Sendable {
    func reportFacts(batchPrefix: String) async throws -> ReportFacts
    func batchOverview(limit: Int) async throws -> BatchOverview
}

extension Workspace {
    var reportFacts: any ReportReadModel { store }
}
