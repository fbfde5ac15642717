import Foundation
internal import GRDB

/// The append-only, hash-chained audit trail in the workspace database.
///
/// Appends happen inside the caller's write transaction, so an event is committed together with the
/// state change it records, or not at all. SQLite triggers reject UPDATE and DELETE on the table.
public enum AuditTrail {
    /// Appends an event after the last one, chaining its hash. Call inside a write transaction.
    @discardableResult
    static func append<P: AuditPayload>(_ db: Database, actor: AuditActor, action: AuditAction = P.action,
                                        subjects: AuditSubjects = AuditSubjects(), payload: P,
                                        at time: Date = Date()) throws -> AuditEvent {
        precondition(P.actions.contains(action), "\(P.self) is not the payload of \(action.rawValue)")
        return try append(db, actor: actor, rawAction: action.rawValue, subjects: subjects, payload: payload, at: time)
    }

    /// Appends an event of any name and shape: for tests that build trails the product never
    /// writes (and tampered ones). The product writes only typed payloads.
    @discardableResult
    static func append(_ db: Database, actor: AuditActor, rawAction: String, subjects: AuditSubjects = AuditSubjects(),
                       payload: some Encodable, at time: Date = Date()) throws -> AuditEvent {
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM auditEvent ORDER BY sequence DESC LIMIT 1")
        var event = AuditEvent(
            sequence: (last?["sequence"] as Int64? ?? 0) + 1,
            time: timestamp(time),
            actorKind: actor.kind, actorName: actor.name, actorVersion: actor.version,
            action: rawAction, batch: subjects.batch, file: subjects.file, document: subjects.document,
            payload: try CanonicalJSON.string(payload),
            previousHash: last?["hash"] ?? AuditEvent.genesisHash,
            hash: "")
        event.hash = event.computedHash
        try event.insert(db)
        return event
    }

    /// The outcome of checking the chain.
    public struct Verification: Sendable, Equatable {
        /// The first event that does not fit, and why.
        public struct BrokenEvent: Sendable, Equatable, Codable {
            public var sequence: Int64
            public var reason: String
        }

        /// Events checked.
        public var events: Int
        /// The hash of the last event, which stands for the whole trail.
        public var lastHash: String
        /// Nil when the chain is intact.
        public var firstBroken: BrokenEvent?

        public var isIntact: Bool { firstBroken == nil }
    }

    /// Recomputes every hash in order and names the first event that is altered, missing or out of
    /// place.
    static func verify(_ db: Database) throws -> Verification {
        var previousHash = AuditEvent.genesisHash
        var expectedSequence: Int64 = 1
        var count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditEvent.columns) FROM auditEvent ORDER BY sequence")
        while let row = try rows.next() {
            let event = try AuditEvent(row: row)
            count += 1
            func broken(_ reason: String) -> Verification {
                Verification(events: count, lastHash: previousHash, firstBroken: .init(sequence: event.sequence, reason: reason))
            }
            if event.sequence != expectedSequence {
                return broken("expected event \(expectedSequence) here: events \(expectedSequence)…\(event.sequence - 1) are missing")
            }
            if event.previousHash != previousHash {
                return broken("its previous hash does not match the hash of event \(event.sequence - 1)")
            }
            if event.computedHash != event.hash {
                return broken("its content does not match its hash: the event was altered")
            }
            previousHash = event.hash
            expectedSequence += 1
        }
        return Verification(events: count, lastHash: previousHash, firstBroken: nil)
    }

    /// Events in order, optionally only those about one document or batch.
    static func events(_ db: Database, document: String? = nil, batch: String? = nil,
                       limit: Int? = nil) throws -> [AuditEvent] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let document { conditions.append("document = ?"); arguments += [document] }
        if let batch { conditions.append("batch = ?"); arguments += [batch] }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limitClause = limit.map { "LIMIT \($0)" } ?? ""
        return try Row.fetchAll(db, sql: "SELECT \(AuditEvent.columns) FROM auditEvent \(filter) ORDER BY sequence \(limitClause)",
                                arguments: arguments).map(AuditEvent.init(row:))
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
