/// When a run closes a batch, and what its `batch.closed` event says: a pure decision over what the
/// store reads of each open batch (``DocumentStore/closeBatches(_:)``).
enum BatchClosing {
    /// The event that closes `batch`, or nil to leave it open: the current run's batch closes;
    /// an earlier one a kill left open closes once all its documents are settled. A batch is closed
    /// once: one the trail closed already (its row edited since) is left as it is, for `audit
    /// verify` to report, never closed and noted a second time.
    static func event(closing batch: OpenBatch, current: String, actor: AuditActor) -> AuditEntry? {
        guard batch.id == current || batch.states.allSatisfy({ $0?.isSettled ?? false }) else { return nil }
        if batch.closedInTrail { return nil }
        let count = { (state: DocumentState) in batch.states.filter { $0 == state }.count }
        let payload = RunAuditPayload.BatchClosed(
            documents: batch.states.count, filed: count(.filed), needsReview: count(.needsReview),
            quarantined: count(.quarantined), duplicates: batch.duplicates, auditHead: batch.auditHead)
        return AuditEntry(actor: actor, action: .batchClosed, subjects: AuditSubjects(batch: batch.id), payload: payload)
    }
}
