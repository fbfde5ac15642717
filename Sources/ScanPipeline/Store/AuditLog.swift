import Foundation

/// The audit trail as the library sees it, whatever holds it (DESIGN.md contract 3).
///
/// What a backend must keep:
/// - **Append-only, chained.** ``append(_:)`` gives each entry the next sequence (1, 2, 3, …
///   without gaps), the time, the previous event's hash and its own hash
///   (``AuditEvent/computedHash``). Nothing changes or removes an event once written; the backend
///   enforces that itself (SQLite: triggers), and reports in ``trailEvidence(anchoredAt:)`` whether
///   that enforcement is still in place.
/// - **One transaction.** The entries of one call are committed together or not at all, and no
///   other append interleaves with them (one writer). Events that record a state change are
///   appended in the same transaction as the change, by the store method that commits it.
/// - **Order.** Every read returns events in sequence order.
/// - **One snapshot.** ``trailEvidence(anchoredAt:)`` reads everything it returns from one
///   consistent view, so that the chain, its head and the tables are compared as of one moment
///   while other processes write.
/// - **After a commit** that appended events, the head is written to `audit-head.json` (an
///   anchor outside the database; a failure to write it is not a failed commit).
package protocol AuditLog: Sendable {
    /// Appends `entries` in order, each at its own time, in one transaction; returns them as stored.
    @discardableResult
    func append(_ entries: [AuditEntry]) async throws -> [AuditEvent]

    /// Events in sequence order that match `query`.
    func events(_ query: AuditEventQuery) async throws -> [AuditEvent]

    /// The last event's sequence and hash (``AuditHead/empty`` for an empty trail).
    func head() async throws -> AuditHead

    /// The hash of event `sequence`, nil when the trail does not have it.
    func hash(ofEvent sequence: Int64) async throws -> String?

    /// Recomputes the whole chain (``AuditTrail/ChainCheck``) and names the first broken event.
    func verifyChain() async throws -> AuditTrail.Verification

    /// The distinct ids in `column` equal to `reference` or, when it has at least 4 characters,
    /// starting with it.
    func subjects(matching reference: String, in column: AuditSubjectColumn) async throws -> [String]

    /// What `scanctl audit verify` compares, from one snapshot: the chain, the head, the hashes of
    /// the events anchors outside the database recorded (`anchoredAt`), the events that are anchors
    /// themselves, the tables against the trail, and the append-only guards.
    func trailEvidence(anchoredAt sequences: Set<Int64>) async throws -> TrailEvidence
}

extension AuditLog {
    @discardableResult
    func append(_ entry: AuditEntry) async throws -> AuditEvent {
        guard let event = try await append([entry]).first else {
            throw ScanPipelineError(.workspace, "the audit trail did not return the event it appended")
        }
        return event
    }
}

extension Workspace {
    /// The audit trail, through its protocol.
    var auditLog: any AuditLog { store }
}
