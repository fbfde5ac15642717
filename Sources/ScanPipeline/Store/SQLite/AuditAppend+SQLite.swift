internal import GRDB

extension AuditAppend {
    /// Appends the event in the caller's write transaction.
    @discardableResult
    func append(_ db: Database) throws -> AuditEvent {
        try AuditTrail.append(db, actor: actor, action: action, subjects: subjects, payload: payload, at: time)
    }
}
