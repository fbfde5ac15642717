package import Foundation

/// An audit event before it is appended: who, what, about what, the typed details and when. Built by the code that decides a change; the store appends it inside the
/// transaction that commits the change, and gives it its sequence and hashes, so that the change
/// and its event are committed together or not at all.
package struct AuditEntry: Sendable {
    /// The details: a typed payload of a known action, or (for tests that build trails the product
    /// never writes) canonical JSON given as it is.
    package enum Details: Sendable {
        case typed(any AuditPayload)
        case canonical(String)
    }

    package var actor: AuditActor
    /// The action's stored name (``AuditAction/rawValue``).
    package var action: String
    package var subjects: AuditSubjects
    package var details: Details
    /// When it happened: when the entry was built unless the domain says otherwise (a review's
    /// event and the row it changes carry one time).
    package var time: Date

    /// An entry of a known action with its typed payload.
    package init<P: AuditPayload>(actor: AuditActor, action: AuditAction = P.action, subjects: AuditSubjects = AuditSubjects(),
                          payload: P, at time: Date = Date()) {
        precondition(P.actions.contains(action), "\(P.self) is not the payload of \(action.rawValue)")
        self.actor = actor
        self.action = action.rawValue
        self.subjects = subjects
        self.details = .typed(payload)
        self.time = time
    }

    /// An entry of any name and shape: for tests that build trails the product never writes.
    package init(actor: AuditActor, rawAction: String, subjects: AuditSubjects = AuditSubjects(), payload: some Encodable,
         at time: Date = Date()) throws {
        self.actor = actor
        self.action = rawAction
        self.subjects = subjects
        self.details = .canonical(try CanonicalJSON.string(payload))
        self.time = time
    }

    /// The details as canonical JSON (sorted keys), exactly as they are stored and hashed.
    package func canonicalPayload() throws -> String {
        switch details {
        case .typed(let payload): try CanonicalJSON.string(payload)
        case .canonical(let json): json
        }
    }
}
