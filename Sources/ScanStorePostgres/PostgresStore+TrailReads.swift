import Foundation
import ScanPipeline
import PostgresNIO
import Logging

/// The trail as the read models (report, Transfervermerk, sample checks, models) read it, inside
/// their snapshot: events in sequence order, filtered as SQLite's `AuditTrail.events` filters them.
extension PostgresStore {
    static let trailColumns = "sequence, time, actorKind, actorName, actorVersion, action, batch, file, document, payload, previousHash, hash"

    /// ``trailColumns``, each qualified by `table` (for a join).
    static func trailColumns(of table: String) -> String {
        trailColumns.split(separator: ", ").map { "\(table).\($0)" }.joined(separator: ", ")
    }

    /// An event from a row of ``trailColumns``.
    static func trailEvent(_ row: PostgresRow) throws -> AuditEvent {
        let (sequence, time, kindName, actorName, actorVersion, action, batch, file, document, payload, previousHash, hash) =
            try row.decode((Int64, String, String, String, String?, String, String?, String?, String?, String, String, String).self)
        guard let kind = AuditActor.Kind(rawValue: kindName) else {
            throw ScanPipelineError(.workspace, "audit event \(sequence) has an unknown actor kind")
        }
        return AuditEvent(sequence: sequence, time: time, actorKind: kind, actorName: actorName, actorVersion: actorVersion,
                          action: action, batch: batch, file: file, document: document, payload: payload,
                          previousHash: previousHash, hash: hash)
    }

    /// Events in order, optionally only those about one document or batch (or batches whose id
    /// starts with `batchPrefix`), of some actions.
    static func trailEvents(on connection: PostgresConnection, document: String? = nil, batch: String? = nil,
                            batchPrefix: String? = nil, actions: [AuditAction]? = nil, logger: Logger) async throws -> [AuditEvent] {
        var sql = QueueSQL()
        var conditions: [String] = []
        if let document { conditions.append("document = \(sql.bind(document))") }
        if let batch { conditions.append("batch = \(sql.bind(batch))") }
        if let batchPrefix {
            // SQLite's substr(batch, 1, length(?)) = ?: both count characters.
            conditions.append("left(batch, length(\(sql.bind(batchPrefix)))) = \(sql.bind(batchPrefix))")
        }
        if let actions {
            conditions.append("action IN (\(actions.isEmpty ? "NULL" : sql.list(actions.map(\.rawValue))))")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(trailColumns) FROM auditEvent \(filter) ORDER BY sequence",
                                                        binds: sql.bindings), logger: logger)
            .collect().map(trailEvent(_:))
    }

    /// The trail's last event as this transaction sees it.
    static func trailHead(on connection: PostgresConnection, logger: Logger) async throws -> AuditHead {
        try await connection.query("SELECT sequence, hash FROM auditHead WHERE id = 1", logger: logger).collect().first
            .map { row in
                let (sequence, hash) = try row.decode((Int64, String).self)
                return AuditHead(sequence: sequence, hash: hash)
            } ?? .empty
    }
}
