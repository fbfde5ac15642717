/// Sample checks (Stichprobe), as the store keeps them: rounds with their drawn pages, checks, the
/// release.
///
/// What a backend must keep: each commit appends its event in the same transaction and is refused
/// (`quality-check`) once the batch is released. ``commitSampleRound(_:event:)`` is refused
/// (`staleState`) unless the round's number is one more than the batch's rounds (another round
/// came in between); ``commitRelease(_:expectedRounds:expectedChecks:event:)`` unless the batch
/// still has exactly the rounds and checks its status was computed from.
package protocol QualityLedger: Sendable {
    /// Batch ids equal to or starting with `reference`.
    func qualityBatches(matching reference: String) async throws -> [String]
    /// The batch's documents and whether its run is closed; nil when there is no such batch.
    func qualityBatch(_ batch: String) async throws -> QualityLedgerBatch?
    /// The batch's rounds (in order, with their pages), checks (in order) and release.
    func qualityState(batch: String) async throws -> QualityLedgerState
    /// The batch and round that drew page `page` of `document`; nil when no round did.
    func qualityRound(document: String, page: Int) async throws -> (batch: String, round: String)?
    func commitSampleRound(_ round: QualityLedgerRound, event: AuditEntry) async throws
    func commitPageCheck(_ check: QualityLedgerCheck, batch: String, event: AuditEntry) async throws
    func commitRelease(_ release: QualityLedgerRelease, expectedRounds: Int, expectedChecks: Int, event: AuditEntry) async throws
}

extension Workspace {
    var quality: any QualityLedger { store }
}
