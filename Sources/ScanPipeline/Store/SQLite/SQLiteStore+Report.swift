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
            let flagged = try Row.fetchAll(db, sql: """
                SELECT p.document, p.number, p.quality FROM page p JOIN document d ON d.id = p.document
                WHERE p.quality IS NOT NULL AND substr(d.batch, 1, length(:prefix)) = :prefix ORDER BY d.batch, p.document, p.number
                """, arguments: arguments).map { ReportFacts.FlaggedPage(document: $0["document"], page: $0["number"], quality: $0["quality"]) }
            let rescanEvents = try AuditTrail.events(db, batchPrefix: batchPrefix, actions: [.documentRescanned, .rescanFlagAccepted])
            let named = Set(flagged.map(\.document) + rescanEvents.compactMap(\.document))
            var sources: [String: (path: String, state: String)] = [:]
            for id in named {
                if let row = try Row.fetchOne(db, sql: """
                    SELECT s.path, d.state FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile WHERE d.id = ?
                    """, arguments: [id]) { sources[id] = (row["path"], row["state"]) }
            }
            var facts = ReportFacts(
                batches: batches, documents: documents, pages: pages?["pages"] ?? 0, blankPages: pages?["blank"] ?? 0,
                transfervermerkWritten: try AuditTrail.events(db, actions: [.transfervermerkWritten]),
                events: try AuditTrail.events(db, batchPrefix: batchPrefix,
                                              actions: [.fileDuplicate] + AuditAction.quarantines + AuditAction.reviewDecisions)
                    + rescanEvents)
            facts.flaggedPages = flagged
            facts.sources = sources
            return facts
        }
    }
}
