import Foundation
package import ScanPipeline
import PostgresNIO

/// The audit trail in the `auditEvent` table: appends are serialised by the `auditHead` row (so
/// sequences of several hosts cannot collide), triggers reject UPDATE, DELETE and TRUNCATE, and
/// ``write(_:)`` rewrites the head file after each commit that appended.
extension PostgresStore: AuditLog {
    @discardableResult
    package func append(_ entries: [AuditEntry]) async throws -> [AuditEvent] {
        try await write { [logger] connection in try await Self.append(entries, on: connection, logger: logger) }
    }

    package func events(_ query: AuditEventQuery) async throws -> [AuditEvent] {
        try await read { [logger] connection in
            var sql = QueueSQL()
            var conditions: [String] = []
            if let document = query.document { conditions.append("document = \(sql.bind(document))") }
            if let batch = query.batch { conditions.append("batch = \(sql.bind(batch))") }
            if let actions = query.actions {
                conditions.append("action IN (\(actions.isEmpty ? "NULL" : sql.list(actions.map(\.rawValue))))")
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let limit = query.limit.map { "LIMIT \(sql.bind($0))" } ?? ""
            return try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.trailColumns) FROM auditEvent \(filter) ORDER BY sequence \(limit)",
                              binds: sql.bindings), logger: logger).collect().map(Self.trailEvent(_:))
        }
    }

    package func head() async throws -> AuditHead {
        try await read { [logger] connection in try await Self.lastEvent(on: connection, logger: logger) }
    }

    package func hash(ofEvent sequence: Int64) async throws -> String? {
        try await read { [logger] connection in try await Self.hash(ofEvent: sequence, on: connection, logger: logger) }
    }

    package func verifyChain() async throws -> AuditTrail.Verification {
        try await read { [logger] connection in try await Self.verify(on: connection, logger: logger) }
    }

    package func subjects(matching reference: String, in column: AuditSubjectColumn) async throws -> [String] {
        // The column name comes from the enum, never from input.
        let name = column.rawValue
        return try await read { [logger] connection in
            var subjects: [String] = []
            for try await subject in try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT DISTINCT \(name) FROM auditEvent
                WHERE \(name) = $1 OR (length($1) >= 4 AND left(\(name), length($1)) = $1)
                """, binds: { var binds = PostgresBindings(); binds.append(reference); return binds }()), logger: logger)
                .decode(String.self) {
                subjects.append(subject)
            }
            return subjects
        }
    }

    // MARK: Inside a transaction

    /// The last event's sequence and hash, as the trail itself has it (``AuditHead/empty`` when empty).
    static func lastEvent(on connection: PostgresConnection, logger: Logger) async throws -> AuditHead {
        var head = AuditHead.empty
        for try await (sequence, hash) in try await connection.query(
            "SELECT sequence, hash FROM auditEvent ORDER BY sequence DESC LIMIT 1", logger: logger).decode((Int64, String).self) {
            head = AuditHead(sequence: sequence, hash: hash)
        }
        return head
    }

    static func hash(ofEvent sequence: Int64, on connection: PostgresConnection, logger: Logger) async throws -> String? {
        var found: String?
        for try await hash in try await connection.query("SELECT hash FROM auditEvent WHERE sequence = \(sequence)",
                                                         logger: logger).decode(String.self) {
            found = hash
        }
        return found
    }

    /// Recomputes every hash in order, streaming the rows into the same ``AuditTrail/ChainCheck``
    /// as SQLite's, and stops at the first event that is altered, missing or out of place.
    static func verify(on connection: PostgresConnection, logger: Logger) async throws -> AuditTrail.Verification {
        var check = AuditTrail.ChainCheck()
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(trailColumns) FROM auditEvent ORDER BY sequence"),
                                              logger: logger)
        for try await row in rows {
            // Read on to the end even after a break, so that the connection is left clean.
            _ = check.check(try trailEvent(row))
        }
        return check.result
    }
}
