/// What a Transfervermerk is built from, as the store holds it (BSI TR-03138: who scanned, what
/// came out, what went wrong). The note itself, its checks and its wording are the library's
/// (`Store/Workspace+Transfervermerk.swift`).
///
/// What a backend must keep: ``facts(ofBatch:)`` reads everything from one snapshot, so that the
/// audit head the note names is the trail as it stood when the counts were taken; lists come in
/// the order they were made (documents and pages as created, events in sequence order, source
/// files as ingested).
package protocol TransfervermerkReadModel: Sendable {
    /// Closed batches whose trail records no `transfervermerk.written`, oldest first.
    func batchesAwaitingTransfervermerk() async throws -> [String]

    /// The batch's facts, nil when the workspace does not have the batch.
    func facts(ofBatch batch: String) async throws -> TransfervermerkFacts?
}

extension Workspace {
    var transfervermerkFacts: any TransfervermerkReadModel { store }
}
