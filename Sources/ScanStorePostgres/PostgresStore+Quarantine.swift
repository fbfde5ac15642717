import Foundation
package import ScanPipeline
import PostgresNIO

/// The quarantine ledger, as SQLite's store keeps it (`SQLiteStore+Quarantine.swift`).
extension PostgresStore: QuarantineLedger {
    package func quarantineEntries() async throws -> [QuarantineEntry] {
        try await read { [logger] connection in
            var entries: [QuarantineEntry] = []
            let rows = try await connection.query("""
                SELECT q.document, q.path, q.storedAs, q.reasonFile, q.quarantinedAt, q.closedAt, q.closedBy, q.closeReason,
                       q.retriedAs, d.sourceFile, d.problemCode, d.problem, d.batch, d.state, b.profile, b.schutzbedarf,
                       r.state AS retriedState
                FROM quarantine q JOIN document d ON d.id = q.document JOIN batch b ON b.id = d.batch
                LEFT JOIN document r ON r.id = q.retriedAs
                ORDER BY q.quarantinedAt COLLATE "C", q.document COLLATE "C"
                """, logger: logger)
            for try await row in rows {
                let (document, path, storedAs, reasonFile, quarantinedAt, closedAt, closedBy, closeReason, retriedAs,
                     sourceFile, problemCode, problem, batch, state, profile, schutzbedarf, retriedState) =
                    try row.decode((String, String, String?, String, String, String?, String?, String?, String?,
                                    String, String?, String?, String, String, String, String, String?).self)
                entries.append(QuarantineEntry(
                    id: document, source: path, sha256: sourceFile, code: problemCode, reason: problem, batch: batch,
                    profile: profile, schutzbedarf: schutzbedarf, quarantinedAt: quarantinedAt,
                    status: state == DocumentState.released.rawValue ? .released
                        : state == DocumentState.retried.rawValue ? .retried : .open,
                    state: state, storedAs: storedAs, reasonFile: reasonFile, closedAt: closedAt, closedBy: closedBy,
                    closeReason: closeReason, retriedAs: retriedAs, retriedState: retriedState))
            }
            return entries
        }
    }

    package func quarantinedDocumentIDs() async throws -> [String] {
        try await read { [logger] connection in
            var ids: [String] = []
            for try await id in try await connection.query("SELECT document FROM quarantine ORDER BY document COLLATE \"C\"",
                                                           logger: logger).decode(String.self) {
                ids.append(id)
            }
            return ids
        }
    }

    package func documentsOutsideQuarantine(sourceFile: String) async throws -> Int {
        let states = DocumentState.allCases.filter(\.isQuarantine).map(\.rawValue)
        return try await read { [logger] connection in
            try await Self.single(Int.self, on: connection, logger: logger, """
                SELECT COUNT(*)::int FROM document WHERE sourceFile = \(sourceFile) AND NOT (state = ANY(\(states)))
                """) ?? 0
        }
    }

    package func release(_ document: String,
                         decide: @escaping @Sendable (QuarantineReleaseContext) throws -> QuarantineRelease) async throws {
        try await write { [logger] connection in
            guard let row = try await connection.query("""
                SELECT d.state, d.batch, d.sourceFile, d.problemCode, q.path, q.closedBy, q.closedAt, q.retriedAs
                FROM document d JOIN quarantine q ON q.document = d.id WHERE d.id = \(document) FOR UPDATE
                """, logger: logger).collect().first else {
                throw ScanPipelineError(.quarantine, "document \(document) was never quarantined")
            }
            let (raw, batch, sourceFile, problemCode, path, closedBy, closedAt, retriedAs) =
                try row.decode((String, String, String, String?, String, String?, String?, String?).self)
            guard let state = DocumentState(rawValue: raw) else {
                throw ScanPipelineError(.quarantine, "document \(document) was never quarantined")
            }
            let context = QuarantineReleaseContext(
                document: document, state: state, subjects: AuditSubjects(batch: batch, file: sourceFile, document: document),
                problemCode: problemCode, path: path, closedBy: closedBy, closedAt: closedAt, retriedAs: retriedAs)
            let release = try decide(context)
            let time = AuditTrail.timestamp(release.audit.time)
            let changed = try await connection.count("""
                UPDATE document SET state = \(release.state.rawValue), updatedAt = \(time)
                WHERE id = \(document) AND state = \(state.rawValue) RETURNING 1
                """, logger: logger)
            guard changed == 1 else {
                throw ScanPipelineError(.staleState, "document \(document) changed meanwhile; look at it again")
            }
            try await connection.run("""
                UPDATE quarantine SET closedAt = \(time), closedBy = \(release.closedBy), closeReason = \(release.reason)
                WHERE document = \(document)
                """, logger: logger)
            try await Self.append([release.audit], on: connection, logger: logger)
        }
    }
}
