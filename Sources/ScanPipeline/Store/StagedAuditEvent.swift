/// An audit event built by domain code (who, what, about which subjects, with which typed payload)
/// and appended by a store inside the transaction of the change it records, so that the change and
/// its event are committed together or not at all.
struct StagedAuditEvent: Sendable {
    var actor: AuditActor
    var action: AuditAction
    var subjects: AuditSubjects
    var payload: any AuditPayload

    init<P: AuditPayload>(actor: AuditActor, action: AuditAction = P.action, subjects: AuditSubjects, payload: P) {
        precondition(P.actions.contains(action), "\(P.self) is not the payload of \(action.rawValue)")
        self.actor = actor
        self.action = action
        self.subjects = subjects
        self.payload = payload
    }
}
