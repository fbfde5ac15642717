import Foundation
package import ScanPipeline
import PostgresNIO

/// Batches, as SQLite's store keeps them (`SQLiteStore+Batches.swift`); a batch whose ingest is
/// still going on (``DocumentQueue/holdIngest(batch:lease:)``: `ingestLeaseUntil` in the future)
/// is not offered for closing, since more documents may still come.
extension PostgresStore {
    package func openBatch(_ batch: BatchOpening, event: AuditEntry) async throws {
        try await write { [logger] connection in
            try await connection.run("""
                INSERT INTO batch (id, openedAt, operator, profile, schutzbedarf, planVersion)
                VALUES (\(batch.id), \(batch.openedAt), \(batch.operatorName), \(batch.profile), \(batch.schutzbedarf),
                        \(batch.planVersion))
                """, logger: logger)
            try await Self.append([event], on: connection, logger: logger)
        }
    }

    package func closeBatches(_ decide: @escaping @Sendable (OpenBatch) -> AuditEntry?) async throws {
        try await write { [logger] connection in
            // Locked so that two hosts closing at once offer each batch once; the head row is
            // locked first, so each offer sees the head after the previous close.
            try await connection.run("SELECT 1 FROM auditHead WHERE id = 1 FOR UPDATE", logger: logger)
            var open: [String] = []
            for try await id in try await connection.query("""
                SELECT id FROM batch WHERE closedAt IS NULL AND (ingestLeaseUntil IS NULL OR ingestLeaseUntil <= now())
                ORDER BY openedAt COLLATE "C", id COLLATE "C" FOR UPDATE
                """, logger: logger).decode(String.self) {
                open.append(id)
            }
            for batch in open {
                var states: [DocumentState?] = []
                for try await state in try await connection.query("SELECT state FROM document WHERE batch = \(batch) ORDER BY created",
                                                                  logger: logger).decode(String.self) {
                    states.append(DocumentState(rawValue: state))
                }
                let closed = try await Self.single(Bool.self, on: connection, logger: logger, """
                    SELECT EXISTS (SELECT 1 FROM auditEvent WHERE action = \(AuditAction.batchClosed.rawValue) AND batch = \(batch))
                    """) ?? false
                let duplicates = try await Self.single(Int.self, on: connection, logger: logger, """
                    SELECT COUNT(*) FROM auditEvent WHERE action = \(AuditAction.fileDuplicate.rawValue) AND batch = \(batch)
                    """) ?? 0
                let head = try await Self.lastEvent(on: connection, logger: logger)
                let offered = OpenBatch(id: batch, states: states, closedInTrail: closed, duplicates: duplicates,
                                        auditHead: .init(sequence: head.sequence, hash: head.hash))
                guard let event = decide(offered) else { continue }
                try await connection.run("UPDATE batch SET closedAt = \(AuditTrail.timestamp(Date())) WHERE id = \(batch)", logger: logger)
                try await Self.append([event], on: connection, logger: logger)
            }
        }
    }

    package func openBatches(excluding batch: String) async throws -> Set<String> {
        try await read { [logger] connection in
            var open: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM batch WHERE closedAt IS NULL AND id <> \(batch)",
                                                           logger: logger).decode(String.self) {
                open.insert(id)
            }
            return open
        }
    }

    package func quarantinedDocuments(inClosedBatches batches: Set<String>) async throws -> [String] {
        guard !batches.isEmpty else { return [] }
        let list = Array(batches)
        return try await read { [logger] connection in
            var documents: [String] = []
            for try await id in try await connection.query("""
                SELECT d.id FROM document d JOIN batch b ON b.id = d.batch
                WHERE b.closedAt IS NOT NULL AND d.state = \(DocumentState.quarantined.rawValue) AND d.batch = ANY(\(list))
                ORDER BY d.created
                """, logger: logger).decode(String.self) {
                documents.append(id)
            }
            return documents
        }
    }

    package func eventCount(_ action: AuditAction, batch: String) async throws -> Int {
        try await read { [logger] connection in
            try await Self.single(Int.self, on: connection, logger: logger, """
                SELECT COUNT(*)::int FROM auditEvent WHERE action = \(action.rawValue) AND batch = \(batch)
                """) ?? 0
        }
    }
}
