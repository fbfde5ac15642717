import Foundation

/// An audit event before it is appended: who, what, about what, and the details as canonical JSON.
/// Built by the domain code that decides the change; the store gives it its sequence, time and
/// hashes inside the transaction that commits the change (``AuditLog/append(_:at:)``).
struct AuditEntry: Sendable, Equatable {
    var actor: AuditActor
    /// The action's stored name (``AuditAction/rawValue``).
    var action: String
    var subjects: AuditSubjects
    /// Canonical JSON (sorted keys), exactly as it is stored and hashed.
    var payload: String

    /// An entry of a known action with its typed payload.
    init<P: AuditPayload>(actor: AuditActor, action: AuditAction = P.action, subjects: AuditSubjects = AuditSubjects(),
                          payload: P) throws {
        precondition(P.actions.contains(action), "\(P.self) is not the payload of \(action.rawValue)")
        try self.init(actor: actor, rawAction: action.rawValue, subjects: subjects, payload: payload)
    }

    /// An entry of any name and shape: for tests that build trails the product never writes.
    init(actor: AuditActor, rawAction: String, subjects: AuditSubjects = AuditSubjects(), payload: some Encodable) throws {
        self.actor = actor
        self.action = rawAction
        self.subjects = subjects
        self.payload = try CanonicalJSON.string(payload)
    }
}
