import Foundation

/// The details of one kind of audit event: one `Codable` type per action, used both to write the
/// event and to read it back, so that the trail's shape is spelled once.
///
/// A type may serve more than one action when they carry the same facts (a file quarantined
/// before it became a document, and a document quarantined later, both say why and where the
/// copy is).
public protocol AuditPayload: Codable, Sendable {
    /// The actions this payload belongs to; the first is the one written when none is named.
    static var actions: [AuditAction] { get }
}

extension AuditPayload {
    package static var action: AuditAction { actions[0] }
}

extension AuditEvent {
    /// The event's action, when it is one this version knows (a newer one may have written others).
    public var knownAction: AuditAction? { AuditAction(rawValue: action) }

    /// The payload decoded as `P`, or nil when the event is of another action or its payload does
    /// not decode (a trail written by an older version lacking a field is read as far as it goes).
    public func payload<P: AuditPayload>(as type: P.Type) -> P? {
        guard let known = knownAction, P.actions.contains(known) else { return nil }
        return try? JSONDecoder().decode(P.self, from: Data(payload.utf8))
    }
}
