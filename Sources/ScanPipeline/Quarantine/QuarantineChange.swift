/// What an event in a quarantined file's history says: a move (quarantined → retried or
/// released), what a retry became, and why. Read from the event's own payload type, for
/// `quarantine show` (and the browser next).
public struct QuarantineChange: Sendable, Equatable {
    public var previousState: String?
    public var state: String?
    public var retriedAs: String?
    public var reason: String?

    init(previousState: String? = nil, state: String? = nil, retriedAs: String? = nil, reason: String? = nil) {
        self.previousState = previousState
        self.state = state
        self.retriedAs = retriedAs
        self.reason = reason
    }
}

extension AuditEvent {
    /// The change an event of a quarantined file's history records; nil for events that carry none
    /// of these facts.
    public var quarantineChange: QuarantineChange? {
        if let retried = payload(as: QuarantineAuditPayload.Retried.self) {
            return QuarantineChange(previousState: retried.previousState, state: retried.state, retriedAs: retried.retriedAs,
                                    reason: retried.reason)
        }
        if let released = payload(as: QuarantineAuditPayload.Released.self) {
            return QuarantineChange(previousState: released.previousState, state: released.state, reason: released.reason)
        }
        if let quarantined = payload(as: RunAuditPayload.Quarantined.self) {
            return QuarantineChange(reason: quarantined.reason)
        }
        if let duplicate = payload(as: RunAuditPayload.FileDuplicate.self) {
            return QuarantineChange(reason: duplicate.reason)
        }
        if let skipped = payload(as: RunAuditPayload.FileSkipped.self) {
            return QuarantineChange(reason: skipped.reason)
        }
        if let reviewed = payload(as: ReviewAuditPayload.Reviewed.self) {
            return QuarantineChange(previousState: reviewed.previousState, state: reviewed.state, reason: reviewed.reason)
        }
        return nil
    }
}
