import Foundation
package import ScanPipeline
import PostgresNIO

extension PostgresStore: ReportReadModel {
    package func reportFacts(batchPrefix: String) async throws -> ReportFacts {
        try await read { [logger] connection in
            // SQLite's substr(x, 1, length(:prefix)) = :prefix; both count characters. Blank pages
            // are counted with FILTER (SQLite sums its 0/1 column).
            let batches = try await connection.query("""
                SELECT b.id, b.openedAt, b.closedAt, b.operator, b.profile, b.schutzbedarf, b.planVersion,
                       (SELECT COUNT(*) FROM document d WHERE d.batch = b.id) AS documents,
                       (SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document WHERE d.batch = b.id) AS pages
                FROM batch b WHERE left(b.id, length(\(batchPrefix))) = \(batchPrefix) ORDER BY b.openedAt COLLATE "C"
                """, logger: logger).collect().map { row in
                let (id, openedAt, closedAt, operatorName, profile, schutzbedarf, planVersion, documents, pages) = try row.decode(
                    (String, String, String?, String, String, String, String, Int, Int).self)
                return ReportFacts.Batch(id: id, openedAt: openedAt, closedAt: closedAt, operatorName: operatorName, profile: profile,
                                         schutzbedarf: schutzbedarf, planVersion: planVersion, documents: documents, pages: pages)
            }
            let documents = try await connection.query("""
                SELECT state, planCode, classification FROM document WHERE left(batch, length(\(batchPrefix))) = \(batchPrefix)
                ORDER BY \(unescaped: Self.documentCreated)
                """, logger: logger).collect().map { row in
                let (state, planCode, classification) = try row.decode((String, String?, String?).self)
                return ReportFacts.Document(state: DocumentState(rawValue: state), planCode: planCode, classification: classification)
            }
            let (pages, blank) = try await connection.query("""
                SELECT COUNT(*), COUNT(*) FILTER (WHERE p.blank) FROM page p JOIN document d ON d.id = p.document
                WHERE left(d.batch, length(\(batchPrefix))) = \(batchPrefix)
                """, logger: logger).collect().first?.decode((Int, Int).self) ?? (0, 0)
            let flagged = try await connection.query("""
                SELECT p.document, p.number, p.quality FROM page p JOIN document d ON d.id = p.document
                WHERE p.quality IS NOT NULL AND left(d.batch, length(\(batchPrefix))) = \(batchPrefix)
                ORDER BY d.batch COLLATE "C", p.document COLLATE "C", p.number
                """, logger: logger).collect().map { row in
                let (document, page, quality) = try row.decode((String, Int, String).self)
                return ReportFacts.FlaggedPage(document: document, page: page, quality: quality)
            }
            let rescanEvents = try await Self.trailEvents(on: connection, batchPrefix: batchPrefix,
                                                          actions: [.documentRescanned, .rescanFlagAccepted], logger: logger)
            let named = Set(flagged.map(\.document) + rescanEvents.compactMap(\.document))
            var sources: [String: (path: String, state: String)] = [:]
            if !named.isEmpty {
                for row in try await connection.query("""
                    SELECT d.id, s.path, d.state FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile WHERE d.id = ANY(\(Array(named)))
                    """, logger: logger).collect() {
                    let (id, path, state) = try row.decode((String, String, String).self)
                    sources[id] = (path, state)
                }
            }
            var facts = ReportFacts(
                batches: batches, documents: documents, pages: pages, blankPages: blank,
                transfervermerkWritten: try await Self.trailEvents(on: connection, actions: [.transfervermerkWritten], logger: logger),
                events: try await Self.trailEvents(on: connection, batchPrefix: batchPrefix,
                                                   actions: [.fileDuplicate] + AuditAction.quarantines + AuditAction.reviewDecisions,
                                                   logger: logger)
                    + rescanEvents)
            facts.flaggedPages = flagged
            facts.sources = sources
            return facts
        }
    }
}
