import Foundation
internal import GRDB

extension SQLiteStore: QuarantineLedger {
    func quarantineEntries() async throws -> [QuarantineEntry] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT q.document, q.path, q.storedAs, q.reasonFile, q.quarantinedAt, q.closedAt, q.closedBy, q.closeReason,
                       q.retriedAs, d.sourceFile, d.problemCode, d.problem, d.batch, d.state, b.profile, b.schutzbedarf,
                       r.state AS retriedState
                FROM quarantine q JOIN document d ON d.id = q.document JOIN batch b ON b.id = d.batch
                LEFT JOIN document r ON r.id = q.retriedAs
                ORDER BY q.quarantinedAt, q.document
                """).map { row in
                let state: String = row["state"]
                return QuarantineEntry(
                    id: row["document"], source: row["path"], sha256: row["sourceFile"], code: row["problemCode"],
                    reason: row["problem"], batch: row["batch"], profile: row["profile"], schutzbedarf: row["schutzbedarf"],
                    quarantinedAt: row["quarantinedAt"],
                    status: state == DocumentState.released.rawValue ? .released
                        : state == DocumentState.retried.rawValue ? .retried : .open,
                    state: state, storedAs: row["storedAs"], reasonFile: row["reasonFile"], closedAt: row["closedAt"],
                    closedBy: row["closedBy"], closeReason: row["closeReason"], retriedAs: row["retriedAs"],
                    retriedState: row["retriedState"])
            }
        }
    }

    func quarantinedDocumentIDs() async throws -> [String] {
        try await database.read { db in try String.fetchAll(db, sql: "SELECT document FROM quarantine ORDER BY document") }
    }

    func documentsOutsideQuarantine(sourceFile: String) async throws -> Int {
        let states = DocumentState.allCases.filter(\.isQuarantine).map(\.rawValue)
        return try await database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM document WHERE sourceFile = ? AND state NOT IN (\(states.map { _ in "?" }.joined(separator: ", ")))
                """, arguments: StatementArguments([sourceFile] + states)) ?? 0
        }
    }

    func release(_ document: String,
                 decide: @escaping @Sendable (QuarantineReleaseContext) throws -> QuarantineRelease) async throws {
        try await database.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT d.state, d.batch, d.sourceFile, d.problemCode, q.path, q.closedBy, q.closedAt, q.retriedAs
                FROM document d JOIN quarantine q ON q.document = d.id WHERE d.id = ?
                """, arguments: [document]), let state = DocumentState(rawValue: row["state"]) else {
                throw ScanPipelineError(.quarantine, "document \(document) was never quarantined")
            }
            let context = QuarantineReleaseContext(
                document: document, state: state,
                subjects: AuditSubjects(batch: row["batch"], file: row["sourceFile"], document: document),
                problemCode: row["problemCode"], path: row["path"], closedBy: row["closedBy"], closedAt: row["closedAt"],
                retriedAs: row["retriedAs"])
            let release = try decide(context)
            try db.execute(sql: "UPDATE document SET state = ?, updatedAt = ? WHERE id = ? AND state = ?",
                           arguments: [release.state.rawValue, AuditTrail.timestamp(release.audit.time), document, state.rawValue])
            guard db.changesCount == 1 else {
                throw ScanPipelineError(.staleState, "document \(document) changed meanwhile; look at it again")
            }
            try db.execute(sql: "UPDATE quarantine SET closedAt = ?, closedBy = ?, closeReason = ? WHERE document = ?",
                           arguments: [AuditTrail.timestamp(release.audit.time), release.closedBy, release.reason, document])
            try release.audit.append(db)
        }
    }
}
