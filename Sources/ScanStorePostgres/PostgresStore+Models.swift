import Foundation
package import ScanPipeline
import PostgresNIO

extension PostgresStore: ModelLedger {
    package func recordModelTrained(_ event: AuditEntry) async throws {
        try await write { [logger] connection in _ = try await Self.append([event], on: connection, logger: logger) }
    }

    package func newestModelTrained() async throws -> AuditEvent? {
        try await read { [logger] connection in
            try await connection.query("""
                SELECT \(unescaped: Self.trailColumns) FROM auditEvent WHERE action = \(AuditAction.modelTrained.rawValue)
                ORDER BY sequence DESC LIMIT 1
                """, logger: logger).collect().first.map(Self.trailEvent(_:))
        }
    }

    package func reviewedDecisions() async throws -> [ReviewedDecision] {
        let actions = AuditAction.settledReviews.map(\.rawValue)
        return try await read { [logger] connection in
            let events = try await connection.query("""
                SELECT \(unescaped: Self.trailColumns(of: "e"))
                FROM auditEvent e
                WHERE e.action = ANY(\(actions)) AND e.sequence = (SELECT MAX(sequence) FROM auditEvent f
                                                                  WHERE f.action = ANY(\(actions)) AND f.document = e.document)
                ORDER BY e.document COLLATE "C"
                """, logger: logger).collect().map(Self.trailEvent(_:))
            var texts: [String: [String]] = [:]
            for row in try await connection.query("""
                SELECT page.document, page.text FROM page
                WHERE NOT page.blank AND page.document IN (SELECT document FROM auditEvent WHERE action = ANY(\(actions)))
                ORDER BY page.document COLLATE "C", page.number
                """, logger: logger).collect() {
                let (document, text) = try row.decode((String, String).self)
                texts[document, default: []].append(text)
            }
            return events.map { ReviewedDecision(event: $0, document: $0.document ?? "", pageTexts: texts[$0.document ?? ""] ?? []) }
        }
    }

    package func recentDocumentTexts(limit: Int) async throws -> [String] {
        try await read { [logger] connection in
            // SQLite's rowid follows insertion; here the creation order column does (see PostgresSchema).
            try await connection.query("""
                SELECT string_agg(page.text, E'\\n' ORDER BY page.number) FROM page
                JOIN (SELECT id, \(unescaped: Self.documentCreated) AS created FROM document
                      ORDER BY \(unescaped: Self.documentCreated) DESC LIMIT \(limit)) d ON d.id = page.document
                WHERE NOT page.blank AND page.text <> ''
                GROUP BY d.id, d.created ORDER BY d.created DESC
                """, logger: logger).collect().map { try $0.decode(String.self) }
        }
    }
}
