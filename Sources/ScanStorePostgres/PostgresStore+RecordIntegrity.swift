import Foundation
package import ScanPipeline
import PostgresNIO

/// What the record files must hash to, as SQLite's store reads it (`SQLiteStore+RecordIntegrity.swift`):
/// from the newest `record.written` or `record.rewritten` event of each record.
extension PostgresStore: RecordIntegrityLedger {
    package func recordedFiles(document: String?) async throws -> [String: Workspace.RecordedFiles] {
        try await read { [logger] connection in try await Self.recordedFiles(document: document, on: connection, logger: logger) }
    }

    package func recordState(document: String) async throws -> (folder: String, recorded: Workspace.RecordedFiles?)? {
        let state = try await read { [logger] connection -> Box in
            let folder = try await connection.query("SELECT recordPath FROM document WHERE id = \(document)", logger: logger)
                .collect().first.flatMap { try $0.decode(String?.self) }
            return Box(folder: folder, recorded: try await Self.recordedFiles(document: document, on: connection, logger: logger)[document])
        }
        return state.folder.map { ($0, state.recorded) }
    }

    private struct Box: Sendable {
        var folder: String?
        var recorded: Workspace.RecordedFiles?
    }

    package func recordFolders() async throws -> [(id: String, folder: String)] {
        // A record handed to the archive or destroyed has no files any more: the deletion protocol
        // in its trail says so, and their absence is not tampering.
        let removed = DocumentState.allCases.filter(\.recordFilesRemoved).map(\.rawValue)
        let rows = try await read { [logger] connection in
            var rows: [[String]] = []
            for try await (id, folder) in try await connection.query("""
                SELECT id, recordPath FROM document WHERE recordPath IS NOT NULL AND NOT (state = ANY(\(removed)))
                ORDER BY id COLLATE "C"
                """, logger: logger).decode((String, String).self) {
                rows.append([id, folder])
            }
            return rows
        }
        return rows.map { (id: $0[0], folder: $0[1]) }
    }

    package func auditIntegrityFailures(document: String, actor: AuditActor, findings: [Workspace.IntegrityFailed]) async throws {
        try await write { [logger] connection in
            let subjects = try await connection.query("SELECT batch, sourceFile FROM document WHERE id = \(document)", logger: logger)
                .collect().first.map { row in
                    let (batch, file) = try row.decode((String, String).self)
                    return AuditSubjects(batch: batch, file: file, document: document)
                } ?? AuditSubjects(document: document)
            try await Self.append(findings.map { AuditEntry(actor: actor, action: .recordIntegrityFailed, subjects: subjects, payload: $0) },
                                  on: connection, logger: logger)
        }
    }

    /// The newest recorded files of every record, or of one: the hashes its `record.written` or
    /// `record.rewritten` payload says.
    static func recordedFiles(document: String?, on connection: PostgresConnection, logger: Logger) async throws
        -> [String: Workspace.RecordedFiles] {
        var recorded: [String: Workspace.RecordedFiles] = [:]
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT \(trailColumns) FROM auditEvent
            WHERE action IN ($1, $2) AND document IS NOT NULL AND ($3::text IS NULL OR document = $3)
            ORDER BY sequence
            """, binds: {
                var binds = PostgresBindings()
                binds.append(AuditAction.recordWritten.rawValue)
                binds.append(AuditAction.recordRewritten.rawValue)
                binds.append(document)
                return binds
            }()), logger: logger)
        for try await row in rows {
            let event = try trailEvent(row)
            guard let document = event.document, let files = Workspace.RecordedFiles(recordedBy: event) else { continue }
            recorded[document] = files
        }
        return recorded
    }
}
