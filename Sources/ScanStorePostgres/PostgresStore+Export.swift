import Foundation
package import ScanPipeline
import PostgresNIO

/// The export ledger, as SQLite's store keeps it (`SQLiteStore+Export.swift`).
extension PostgresStore: ExportLedger {
    package func exportCandidates(states: [DocumentState], batchPrefix: String?) async throws -> [ExportCandidate] {
        let names = states.map(\.rawValue)
        return try await read { [logger] connection in
            var candidates: [ExportCandidate] = []
            // SQLite's substr(batch, 1, length(?)) = ?: both count characters.
            for try await (id, batch, recordPath, state) in try await connection.query("""
                SELECT id, batch, recordPath, state FROM document
                WHERE state = ANY(\(names)) AND recordPath IS NOT NULL
                  AND (\(batchPrefix)::text IS NULL OR left(batch, length(\(batchPrefix))) = \(batchPrefix))
                ORDER BY id COLLATE "C"
                """, logger: logger).decode((String, String, String, String).self) {
                guard let state = DocumentState(rawValue: state) else { continue }
                candidates.append(ExportCandidate(id: id, batch: batch, recordPath: recordPath, state: state))
            }
            return candidates
        }
    }

    package func lastExports(target: String, folder: String) async throws -> [String: Workspace.RecordExported] {
        let rows = try await read { [logger] connection in
            var rows: [[String]] = []
            for try await (document, payload) in try await connection.query("""
                SELECT document, payload FROM auditEvent WHERE action = \(AuditAction.recordExported.rawValue)
                  AND document IS NOT NULL ORDER BY sequence
                """, logger: logger).decode((String, String).self) {
                rows.append([document, payload])
            }
            return rows
        }
        var latest: [String: Workspace.RecordExported] = [:]
        for row in rows {
            guard let exported = try? JSONDecoder().decode(Workspace.RecordExported.self, from: Data(row[1].utf8)),
                  exported.target == target, exported.folder == folder else { continue }
            latest[row[0]] = exported
        }
        return latest
    }

    package func recordExported(_ move: ExportMove, event: AuditEntry) async throws {
        try await write { [logger] connection in
            let changed = try await connection.count("""
                UPDATE document SET state = \(move.state.rawValue), updatedAt = \(AuditTrail.timestamp(event.time))
                WHERE id = \(move.document) AND state = \(move.expectedState.rawValue) RETURNING 1
                """, logger: logger)
            guard changed == 1 else {
                guard try await connection.count("SELECT 1 FROM document WHERE id = \(move.document)", logger: logger) > 0 else {
                    throw ScanPipelineError(.unknownID, "document \(move.document) is not in the workspace")
                }
                throw ScanPipelineError(.staleState, "document \(move.document) changed while it was exported; export again")
            }
            try await Self.append([event], on: connection, logger: logger)
        }
    }

    package func exportFilesWritten(event: AuditEntry) async throws {
        try await write { [logger] connection in _ = try await Self.append([event], on: connection, logger: logger) }
    }
}
