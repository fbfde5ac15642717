import Foundation
internal import GRDB

extension SQLiteStore: ExportLedger {
    func exportCandidates(states: [DocumentState], batchPrefix: String?) async throws -> [ExportCandidate] {
        let names = states.map(\.rawValue)
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, batch, recordPath, state FROM document
                WHERE state IN (\(names.map { _ in "?" }.joined(separator: ", "))) AND recordPath IS NOT NULL
                  AND (? IS NULL OR substr(batch, 1, length(?)) = ?)
                ORDER BY id
                """, arguments: StatementArguments(names + [batchPrefix, batchPrefix, batchPrefix]))
                .compactMap { row in
                    DocumentState(rawValue: row["state"]).map {
                        ExportCandidate(id: row["id"], batch: row["batch"], recordPath: row["recordPath"], state: $0)
                    }
                }
        }
    }

    func lastExports(target: String, folder: String) async throws -> [String: Workspace.RecordExported] {
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT document, payload FROM auditEvent WHERE action = ? AND document IS NOT NULL ORDER BY sequence",
                             arguments: [AuditAction.recordExported.rawValue])
                .map { (document: $0["document"] as String, payload: $0["payload"] as String) }
        }
        var latest: [String: Workspace.RecordExported] = [:]
        for row in rows {
            guard let exported = try? JSONDecoder().decode(Workspace.RecordExported.self, from: Data(row.payload.utf8)),
                  exported.target == target, exported.folder == folder else { continue }
            latest[row.document] = exported
        }
        return latest
    }

    func recordExported(_ move: ExportMove, event: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE document SET state = ?, updatedAt = ? WHERE id = ? AND state = ?",
                           arguments: [move.state.rawValue, AuditTrail.timestamp(event.time), move.document,
                                       move.expectedState.rawValue])
            guard db.changesCount == 1 else {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE id = ?", arguments: [move.document]) != nil else {
                    throw ScanPipelineError(.unknownID, "document \(move.document) is not in the workspace")
                }
                throw ScanPipelineError(.staleState, "document \(move.document) changed while it was exported; export again")
            }
            try event.append(db)
        }
    }

    func exportFilesWritten(event: AuditEntry) async throws {
        try await database.write { db in _ = try event.append(db) }
    }
}
