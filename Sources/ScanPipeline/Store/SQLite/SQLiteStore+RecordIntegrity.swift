import Foundation
internal import GRDB

extension SQLiteStore: RecordIntegrityLedger {
    func recordedFiles(document: String?) async throws -> [String: Workspace.RecordedFiles] {
        try await database.read { db in try Self.recordedFiles(db, document: document) }
    }

    func recordState(document: String) async throws -> (folder: String, recorded: Workspace.RecordedFiles?)? {
        let state = try await database.read { db -> (String?, Workspace.RecordedFiles?) in
            let folder = try String.fetchOne(db, sql: "SELECT recordPath FROM document WHERE id = ?", arguments: [document])
            return (folder, try Self.recordedFiles(db, document: document)[document])
        }
        return state.0.map { ($0, state.1) }
    }

    func recordFolders() async throws -> [(id: String, folder: String)] {
        // A record handed to the archive or destroyed has no files any more: the deletion protocol
        // in its trail says so, and their absence is not tampering.
        let removed = DocumentState.allCases.filter(\.recordFilesRemoved).map(\.rawValue)
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, recordPath FROM document WHERE recordPath IS NOT NULL
                  AND state NOT IN (\(removed.map { _ in "?" }.joined(separator: ", "))) ORDER BY id
                """, arguments: StatementArguments(removed))
                .map { [$0["id"] as String, $0["recordPath"] as String] }
        }
        return rows.map { (id: $0[0], folder: $0[1]) }
    }

    func auditIntegrityFailures(document: String, actor: AuditActor, findings: [Workspace.IntegrityFailed]) async throws {
        try await database.write { db in
            let subjects = try Self.auditSubjectsOfDocument(db, document: document) ?? AuditSubjects(document: document)
            for finding in findings {
                try AuditTrail.append(db, actor: actor, action: .recordIntegrityFailed, subjects: subjects, payload: finding)
            }
        }
    }

    /// The newest recorded files of every record, or of one: the hashes its `record.written` or
    /// `record.rewritten` payload says.
    static func recordedFiles(_ db: Database, document: String? = nil) throws -> [String: Workspace.RecordedFiles] {
        var recorded: [String: Workspace.RecordedFiles] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(AuditEvent.columns) FROM auditEvent
            WHERE action IN (?, ?) AND document IS NOT NULL AND (? IS NULL OR document = ?)
            ORDER BY sequence
            """, arguments: [AuditAction.recordWritten.rawValue, AuditAction.recordRewritten.rawValue, document, document])
        while let row = try rows.next() {
            let event = try AuditEvent(row: row)
            guard let document = event.document, let files = Workspace.RecordedFiles(recordedBy: event) else { continue }
            recorded[document] = files
        }
        return recorded
    }
}
