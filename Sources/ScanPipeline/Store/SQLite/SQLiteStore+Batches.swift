import Foundation
internal import GRDB

extension SQLiteStore {
    func openBatch(_ batch: BatchOpening, event: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO batch (id, openedAt, operator, profile, schutzbedarf, planVersion) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [batch.id, batch.openedAt, batch.operatorName, batch.profile, batch.schutzbedarf, batch.planVersion])
            try Self.append(db, [event])
        }
    }

    func closeBatches(_ decide: @escaping @Sendable (OpenBatch) -> AuditEntry?) async throws {
        try await database.write { db in
            let open = try String.fetchAll(db, sql: "SELECT id FROM batch WHERE closedAt IS NULL ORDER BY openedAt")
            for batch in open {
                let states = try String.fetchAll(db, sql: "SELECT state FROM document WHERE batch = ?", arguments: [batch])
                let closed = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM auditEvent WHERE action = ? AND batch = ?)",
                                               arguments: [AuditAction.batchClosed.rawValue, batch]) ?? false
                let duplicates = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = ? AND batch = ?",
                                                  arguments: [AuditAction.fileDuplicate.rawValue, batch]) ?? 0
                let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM auditEvent ORDER BY sequence DESC LIMIT 1")
                let offered = OpenBatch(id: batch, states: states.map(DocumentState.init(rawValue:)), closedInTrail: closed,
                                        duplicates: duplicates,
                                        auditHead: .init(sequence: head?["sequence"] ?? 0, hash: head?["hash"] ?? AuditEvent.genesisHash))
                guard let event = decide(offered) else { continue }
                try db.execute(sql: "UPDATE batch SET closedAt = ? WHERE id = ?", arguments: [AuditTrail.timestamp(Date()), batch])
                try Self.append(db, [event])
            }
        }
    }

    func openBatches(excluding batch: String) async throws -> Set<String> {
        try await database.read { db in
            Set(try String.fetchAll(db, sql: "SELECT id FROM batch WHERE closedAt IS NULL AND id <> ?", arguments: [batch]))
        }
    }

    func quarantinedDocuments(inClosedBatches batches: Set<String>) async throws -> [String] {
        guard !batches.isEmpty else { return [] }
        let list = Array(batches)
        return try await database.read { db in
            try String.fetchAll(db, sql: """
                SELECT d.id FROM document d JOIN batch b ON b.id = d.batch
                WHERE b.closedAt IS NOT NULL AND d.state = ? AND d.batch IN (\(list.map { _ in "?" }.joined(separator: ", ")))
                """, arguments: StatementArguments([DocumentState.quarantined.rawValue] + list))
        }
    }

    func eventCount(_ action: AuditAction, batch: String) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = ? AND batch = ?",
                             arguments: [action.rawValue, batch]) ?? 0
        }
    }
}
