import Foundation
internal import GRDB

extension SQLiteStore: TransfervermerkReadModel {
    func batchesAwaitingTransfervermerk() async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: """
                SELECT id FROM batch WHERE closedAt IS NOT NULL AND id NOT IN
                  (SELECT batch FROM auditEvent WHERE action = ? AND batch IS NOT NULL)
                ORDER BY openedAt
                """, arguments: [AuditAction.transfervermerkWritten.rawValue])
        }
    }

    func facts(ofBatch batch: String) async throws -> TransfervermerkFacts? {
        try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM batch WHERE id = ?", arguments: [batch]) else { return nil }
            let quarantine = DocumentState.quarantineSQLList
            let states = try String.fetchAll(db, sql: "SELECT state FROM document WHERE batch = ?", arguments: [batch])
            let pages = try Row.fetchAll(db, sql: """
                SELECT p.document, p.number, p.imageSHA256, p.blank, p.meanConfidence, p.separator, p.quality FROM page p
                JOIN document d ON d.id = p.document WHERE d.batch = ? ORDER BY d.rowid, p.number
                """, arguments: [batch]).map {
                TransfervermerkFacts.Page(document: $0["document"], number: $0["number"], imageSHA256: $0["imageSHA256"],
                                          blank: $0["blank"], meanConfidence: $0["meanConfidence"], separator: $0["separator"],
                                          rescan: ($0["quality"] as String?).flatMap {
                                              try? JSONDecoder().decode([String].self, from: Data($0.utf8))
                                          })
            }
            let quarantinedFilePages = try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(pageCount), 0) FROM document WHERE batch = ? AND state IN (\(quarantine)) AND parent IS NULL
                """, arguments: [batch]) ?? 0
            let pagesOutside = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document
                WHERE d.batch = ? AND NOT (d.state IN (\(quarantine)) AND d.parent IS NULL)
                """, arguments: [batch]) ?? 0
            // A file quarantined by an earlier batch and retried in this one belongs to both.
            let sources = try Row.fetchAll(db, sql: """
                SELECT path, sha256, size FROM sourceFile
                WHERE batch = ? OR sha256 IN (SELECT sourceFile FROM document WHERE batch = ?) ORDER BY rowid
                """, arguments: [batch, batch]).map {
                Transfervermerk.SourceFile(path: $0["path"], sha256: $0["sha256"], size: $0["size"])
            }
            let documents = try Row.fetchAll(db, sql: """
                SELECT d.id, d.sourceFile, d.state, d.aktenzeichen, d.planCode, d.pageCount, d.recordPath, s.path, s.akte
                FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile WHERE d.batch = ? ORDER BY d.rowid
                """, arguments: [batch]).map { row in
                TransfervermerkFacts.Document(
                    id: row["id"], sourceFile: row["sourceFile"], sourcePath: row["path"],
                    state: (row["state"] as String?).flatMap(DocumentState.init(rawValue:)), aktenzeichen: row["aktenzeichen"],
                    planCode: row["planCode"], pageCount: row["pageCount"], hasRecord: (row["recordPath"] as String?) != nil,
                    akte: (row["akte"] as String?).flatMap { try? JSONDecoder().decode(DeliveryAkte.self, from: Data($0.utf8)) })
            }
            let version = try String.fetchOne(db, sql: """
                SELECT actorVersion FROM auditEvent WHERE batch = ? AND actorKind = ? AND actorName = 'scanctl'
                ORDER BY sequence LIMIT 1
                """, arguments: [batch, AuditActor.Kind.component.rawValue])
            return TransfervermerkFacts(
                batch: .init(id: batch, operatorName: row["operator"], profile: row["profile"], schutzbedarf: row["schutzbedarf"],
                             openedAt: row["openedAt"], closedAt: row["closedAt"], planVersion: row["planVersion"]),
                documents: documents, documentStates: states.map(DocumentState.init(rawValue:)), pages: pages,
                quarantinedFilePages: quarantinedFilePages, pagesOutsideQuarantinedFiles: pagesOutside, sourceFiles: sources,
                events: try AuditTrail.events(db, batch: batch, actions: [.batchOpened, .fileIngested, .fileSkipped, .pageDerived]
                                                  + AuditAction.quarantines),
                scanctlVersion: version, head: try AuditTrail.head(db))
        }
    }
}
