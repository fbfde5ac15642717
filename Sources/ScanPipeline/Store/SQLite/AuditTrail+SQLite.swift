import Foundation
internal import GRDB

/// The trail in `scanctl.sqlite`: appends inside the caller's write transaction (the pipeline's
/// SQLite code commits a state change and its events together), and the reads behind
/// ``SQLiteStore``'s ``AuditLog`` conformance. SQLite triggers reject UPDATE and DELETE on the table.
extension AuditTrail {
    /// Appends an event after the last one, chaining its hash. Call inside a write transaction.
    @discardableResult
    static func append<P: AuditPayload>(_ db: Database, actor: AuditActor, action: AuditAction = P.action,
                                        subjects: AuditSubjects = AuditSubjects(), payload: P,
                                        at time: Date = Date()) throws -> AuditEvent {
        try append(db, AuditEntry(actor: actor, action: action, subjects: subjects, payload: payload, at: time))
    }

    /// Appends an event of any name and shape: for tests that build trails the product never
    /// writes (and tampered ones). The product writes only typed payloads.
    @discardableResult
    static func append(_ db: Database, actor: AuditActor, rawAction: String, subjects: AuditSubjects = AuditSubjects(),
                       payload: some Encodable, at time: Date = Date()) throws -> AuditEvent {
        try append(db, AuditEntry(actor: actor, rawAction: rawAction, subjects: subjects, payload: payload, at: time))
    }

    /// Appends a built entry after the last event. Call inside a write transaction.
    @discardableResult
    static func append(_ db: Database, _ entry: AuditEntry) throws -> AuditEvent {
        let event = try chained(entry, after: try head(db))
        try event.insert(db)
        return event
    }

    /// The last event's sequence and hash.
    static func head(_ db: Database) throws -> AuditHead {
        guard let row = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM auditEvent ORDER BY sequence DESC LIMIT 1") else {
            return .empty
        }
        return AuditHead(sequence: row["sequence"], hash: row["hash"])
    }

    /// The hash of event `sequence`, nil when the trail does not have it.
    static func hash(_ db: Database, ofEvent sequence: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT hash FROM auditEvent WHERE sequence = ?", arguments: [sequence])
    }

    /// Recomputes every hash in order and names the first event that is altered, missing or out of
    /// place.
    static func verify(_ db: Database) throws -> Verification {
        var check = ChainCheck()
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditEvent.columns) FROM auditEvent ORDER BY sequence")
        while let row = try rows.next(), check.check(try AuditEvent(row: row)) {}
        return check.result
    }

    /// Events in order, optionally only those about one document or batch (or batches whose id
    /// starts with `batchPrefix`), of some actions, at most `limit` of them.
    static func events(_ db: Database, document: String? = nil, batch: String? = nil, batchPrefix: String? = nil,
                       actions: [AuditAction]? = nil, limit: Int? = nil) throws -> [AuditEvent] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let document { conditions.append("document = ?"); arguments += [document] }
        if let batch { conditions.append("batch = ?"); arguments += [batch] }
        if let batchPrefix { conditions.append("substr(batch, 1, length(?)) = ?"); arguments += [batchPrefix, batchPrefix] }
        if let actions {
            conditions.append("action IN (\(databaseQuestionMarks(count: actions.count)))")
            arguments += StatementArguments(actions.map(\.rawValue))
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limitClause = limit.map { "LIMIT \($0)" } ?? ""
        return try Row.fetchAll(db, sql: "SELECT \(AuditEvent.columns) FROM auditEvent \(filter) ORDER BY sequence \(limitClause)",
                                arguments: arguments).map(AuditEvent.init(row:))
    }
}
