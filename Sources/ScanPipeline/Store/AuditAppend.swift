import Foundation

/// An audit event a store appends inside the transaction of the change it records: who, which
/// action, about what, the typed payload and when. Built by the domain, written by the store, so
/// that the change and its event commit together or not at all.
struct AuditAppend<P: AuditPayload>: Sendable {
    var actor: AuditActor
    var action: AuditAction
    var subjects: AuditSubjects
    var payload: P
    var time: Date

    init(actor: AuditActor, action: AuditAction = P.action, subjects: AuditSubjects = AuditSubjects(), payload: P,
         at time: Date = Date()) {
        precondition(P.actions.contains(action), "\(P.self) is not the payload of \(action.rawValue)")
        self.actor = actor
        self.action = action
        self.subjects = subjects
        self.payload = payload
        self.time = time
    }
}
