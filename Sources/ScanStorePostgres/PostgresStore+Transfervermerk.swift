import Foundation
package import ScanPipeline
import PostgresNIO

extension PostgresStore: TransfervermerkReadModel {
    package func batchesAwaitingTransfervermerk() async throws -> [String] {
        try await read { [logger] connection in
            try await connection.query("""
                SELECT id FROM batch WHERE closedAt IS NOT NULL AND id NOT IN
                  (SELECT batch FROM auditEvent WHERE action = \(AuditAction.transfervermerkWritten.rawValue) AND batch IS NOT NULL)
                ORDER BY openedAt COLLATE "C"
                """, logger: logger).collect().map { try $0.decode(String.self) }
        }
    }

    package func facts(ofBatch batch: String) async throws -> TransfervermerkFacts? {
        try await read { [logger] connection in
            guard let row = try await connection.query("""
                SELECT operator, profile, schutzbedarf, openedAt, closedAt, planVersion FROM batch WHERE id = \(batch)
                """, logger: logger).collect().first else { return nil }
            let (operatorName, profile, schutzbedarf, openedAt, closedAt, planVersion) = try row.decode(
                (String, String, String, String, String?, String).self)
            let quarantine = DocumentState.allCases.filter(\.isQuarantine).map(\.rawValue)
            // SQLite's rowid order (the order documents and files were created) is the creation
            // order column here (see PostgresSchema).
            let states = try await connection.query("""
                SELECT state FROM document WHERE batch = \(batch) ORDER BY \(unescaped: Self.documentCreated)
                """, logger: logger).collect().map { try $0.decode(String.self) }
            let pages = try await connection.query("""
                SELECT p.document, p.number, p.imageSHA256, p.blank, p.meanConfidence, p.separator, p.quality FROM page p
                JOIN document d ON d.id = p.document WHERE d.batch = \(batch) ORDER BY d.\(unescaped: Self.documentCreated), p.number
                """, logger: logger).collect().map { row in
                let (document, number, imageSHA256, blank, meanConfidence, separator, quality) = try row.decode(
                    (String, Int, String, Bool, Double?, Bool, String?).self)
                return TransfervermerkFacts.Page(document: document, number: number, imageSHA256: imageSHA256, blank: blank,
                                                 meanConfidence: meanConfidence, separator: separator,
                                                 rescan: quality.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) })
            }
            let quarantinedFilePages = try await connection.query("""
                SELECT COALESCE(SUM(pageCount), 0)::bigint FROM document
                WHERE batch = \(batch) AND state = ANY(\(quarantine)) AND parent IS NULL
                """, logger: logger).collect().first?.decode(Int.self) ?? 0
            let pagesOutside = try await connection.query("""
                SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document
                WHERE d.batch = \(batch) AND NOT (d.state = ANY(\(quarantine)) AND d.parent IS NULL)
                """, logger: logger).collect().first?.decode(Int.self) ?? 0
            // A file quarantined by an earlier batch and retried in this one belongs to both.
            let sources = try await connection.query("""
                SELECT path, sha256, size FROM sourceFile
                WHERE batch = \(batch) OR sha256 IN (SELECT sourceFile FROM document WHERE batch = \(batch))
                ORDER BY \(unescaped: Self.sourceFileCreated)
                """, logger: logger).collect().map { row in
                let (path, sha256, size) = try row.decode((String, String, Int).self)
                return Transfervermerk.SourceFile(path: path, sha256: sha256, size: size)
            }
            let documents = try await connection.query("""
                SELECT d.id, d.sourceFile, d.state, d.aktenzeichen, d.planCode, d.pageCount, d.recordPath, s.path, s.akte
                FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile WHERE d.batch = \(batch)
                ORDER BY d.\(unescaped: Self.documentCreated)
                """, logger: logger).collect().map { row in
                let (id, sourceFile, state, aktenzeichen, planCode, pageCount, recordPath, path, akte) = try row.decode(
                    (String, String, String?, String?, String?, Int, String?, String, String?).self)
                return TransfervermerkFacts.Document(
                    id: id, sourceFile: sourceFile, sourcePath: path, state: state.flatMap(DocumentState.init(rawValue:)),
                    aktenzeichen: aktenzeichen, planCode: planCode, pageCount: pageCount, hasRecord: recordPath != nil,
                    akte: akte.flatMap { try? JSONDecoder().decode(DeliveryAkte.self, from: Data($0.utf8)) })
            }
            let version = try await connection.query("""
                SELECT actorVersion FROM auditEvent WHERE batch = \(batch) AND actorKind = \(AuditActor.Kind.component.rawValue)
                  AND actorName = 'scanctl'
                ORDER BY sequence LIMIT 1
                """, logger: logger).collect().first?.decode(String?.self) ?? nil
            return TransfervermerkFacts(
                batch: .init(id: batch, operatorName: operatorName, profile: profile, schutzbedarf: schutzbedarf, openedAt: openedAt,
                             closedAt: closedAt, planVersion: planVersion),
                documents: documents, documentStates: states.map(DocumentState.init(rawValue:)), pages: pages,
                quarantinedFilePages: quarantinedFilePages, pagesOutsideQuarantinedFiles: pagesOutside, sourceFiles: sources,
                events: try await Self.trailEvents(on: connection, batch: batch,
                                                   actions: [.batchOpened, .fileIngested, .fileSkipped, .pageDerived] + AuditAction.quarantines,
                                                   logger: logger),
                scanctlVersion: version, head: try await Self.trailHead(on: connection, logger: logger))
        }
    }
}
