import Foundation

/// An audit event before it is appended: who, what, about what, the typed details and when. Built by the code that decides a change; the store appends it inside the
/// transaction that commits the change, and gives it its sequence and hashes, so that the change
/// and its event are committed together or not at all.
struct AuditEntry: Sendable {
    /// The details: a typed payload of a known action, or (for tests that build trails the product
    /// never writes) canonical JSON given as it is.
    enum Details: Sendable {
        case typed(any AuditPayload)
        case canonical(String)
    }

    var actor: AuditActor
    /// The action's stored name (``AuditAction/rawValue``).
    var action: String
    var subjects: AuditSubjects
    var details: Details
    /// When it happened: when the entry was built unless the domain says otherwise (a review's
    /// event and the row it changes carry one time).
    var time: Date

    /// An entry of a known action with its typed payload.
    init<P: AuditPayload>(actor: AuditActor, action: AuditAction = P.action, subjects: AuditSubjects = AuditSubjects(),
                          payload: P, at time: Date = Date()) {
        precondition(P.actions.contains(action), "\(P.self) is not the payload of \(action.rawValue)")
        self.actor = actor
        self.action = action.rawValue
        self.subjects = subjects
        self.details = .typed(payload)
        self.time = time
    }

    /// An entry of any name and shape: for tests that build trails the product never writes.
    init(actor: AuditActor, rawAction: String, subjects: AuditSubjects = AuditSubjects(), payload: some Encodable,
         at time: Date = Date()) throws {
        self.actor = actor
        self.action = rawAction
        self.subjects = subjects
        self.details = .canonical(try CanonicalJSON.string(payload))
        self.time = time
    }

    /// The details as canonical JSON (sorted keys), exactly as they are stored and hashed.
    func canonicalPayload() throws -> String {
        switch details {
        case .typed(let payload): try CanonicalJSON.string(payload)
        case .canonical(let json): json
        }
    }
}
