/// What a review event changed: the placement before and after, and why. Read from the event's
/// own payload type, for the document's history in `review show` (and the browser next).
public struct ReviewChange: Sendable, Equatable {
    public var from: String?
    public var to: String
    public var reason: String?
}

extension AuditEvent {
    /// For `document.reviewed`, `document.discarded`, `review.requested` and `review.rejected`: what changed and why; nil
    /// for any other event.
    public var reviewChange: ReviewChange? {
        if let reviewed = payload(as: ReviewAuditPayload.Reviewed.self) {
            return ReviewChange(from: reviewed.previousCode, to: reviewed.code, reason: reviewed.reason)
        }
        if let discarded = payload(as: ReviewAuditPayload.Discarded.self) {
            return ReviewChange(from: discarded.previousCode, to: TrainingDocument.notRecordRelevantCode, reason: discarded.reason)
        }
        if let requested = payload(as: ReviewAuditPayload.Requested.self) {
            return ReviewChange(from: requested.fromCode, to: requested.toCode, reason: requested.reason)
        }
        if let rejected = payload(as: ReviewAuditPayload.Rejected.self) {
            return ReviewChange(from: rejected.fromCode, to: rejected.toCode, reason: rejected.reason)
        }
        return nil
    }
}
