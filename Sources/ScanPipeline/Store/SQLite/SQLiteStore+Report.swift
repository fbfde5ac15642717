internal import GRDB

extension SQLiteStore: ReportReadModel {
    func reportFacts(batchPrefix: String) async throws -> ReportFacts {
        try await database.read { db in
            let arguments: StatementArguments = ["prefix": batchPrefix]
            let batches = try Row.fetchAll(db, sql: """
                SELECT b.*, (SELECT COUNT(*) FROM document d WHERE d.batch = b.id) AS documents,
                       (SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document WHERE d.batch = b.id) AS pages
                FROM batch b WHERE substr(b.id, 1, length(:prefix)) = :prefix ORDER BY b.openedAt
                """, arguments: arguments).map { row in
                ReportFacts.Batch(id: row["id"], openedAt: row["openedAt"], closedAt: row["closedAt"], operatorName: row["operator"],
                                  profile: row["profile"], schutzbedarf: row["schutzbedarf"], planVersion: row["planVersion"],
                                  documents: row["documents"], pages: row["pages"])
            }
            let documents = try Row.fetchAll(db, sql: """
                SELECT state, planCode, classification FROM document WHERE substr(batch, 1, length(:prefix)) = :prefix
                """, arguments: arguments).map { row in
                ReportFacts.Document(state: DocumentState(rawValue: row["state"]), planCode: row["planCode"],
                                     classification: row["classification"])
            }
            let pages = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS pages, COALESCE(SUM(p.blank), 0) AS blank FROM page p JOIN document d ON d.id = p.document
                WHERE substr(d.batch, 1, length(:prefix)) = :prefix
                """, arguments: arguments)
            return ReportFacts(
                batches: batches, documents: documents, pages: pages?["pages"] ?? 0, blankPages: pages?["blank"] ?? 0,
                transfervermerkWritten: try AuditTrail.events(db, actions: [.transfervermerkWritten]),
                events: try AuditTrail.events(db, batchPrefix: batchPrefix,
                                              actions: [.fileDuplicate] + AuditAction.quarantines + AuditAction.reviewDecisions))
        }
    }
}
