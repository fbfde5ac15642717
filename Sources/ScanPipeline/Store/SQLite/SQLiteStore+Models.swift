import Foundation
internal import GRDB

extension SQLiteStore: ModelLedger {
    func recordModelTrained(_ event: AuditEntry) async throws {
        try await database.write { db in _ = try event.append(db) }
    }

    func newestModelTrained() async throws -> AuditEvent? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(AuditEvent.columns) FROM auditEvent WHERE action = ? ORDER BY sequence DESC LIMIT 1",
                             arguments: [AuditAction.modelTrained.rawValue]).map(AuditEvent.init(row:))
        }
    }

    func reviewedDecisions() async throws -> [ReviewedDecision] {
        let actions = AuditAction.settledReviews.map(\.rawValue)
        let list = actions.map { _ in "?" }.joined(separator: ", ")
        return try await database.read { db in
            let events = try Row.fetchAll(db, sql: """
                SELECT \(AuditEvent.columns.split(separator: ",").map { "e.\($0.trimmingCharacters(in: .whitespaces))" }
                            .joined(separator: ", "))
                FROM auditEvent e
                WHERE e.action IN (\(list)) AND e.sequence = (SELECT MAX(sequence) FROM auditEvent f
                                                             WHERE f.action IN (\(list)) AND f.document = e.document)
                ORDER BY e.document
                """, arguments: StatementArguments(actions + actions)).map(AuditEvent.init(row:))
            var texts: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT page.document AS document, page.text AS text FROM page
                WHERE NOT page.blank AND page.document IN (SELECT document FROM auditEvent WHERE action IN (\(list)))
                ORDER BY page.document, page.number
                """, arguments: StatementArguments(actions)) {
                texts[row["document"] as String, default: []].append(row["text"])
            }
            return events.map { ReviewedDecision(event: $0, document: $0.document ?? "", pageTexts: texts[$0.document ?? ""] ?? []) }
        }
    }

    func recentDocumentTexts(limit: Int) async throws -> [String] {
        try await database.read { db in
            // rowid follows insertion: the newest documents first.
            try String.fetchAll(db, sql: """
                SELECT group_concat(text, char(10)) FROM (
                    SELECT page.document AS document, page.text AS text, d.rowid AS created FROM page
                    JOIN (SELECT id, rowid FROM document ORDER BY rowid DESC LIMIT ?) d ON d.id = page.document
                    WHERE NOT page.blank AND page.text != ''
                    ORDER BY d.rowid DESC, page.number
                )
                GROUP BY document ORDER BY MAX(created) DESC
                """, arguments: [limit])
        }
    }
}
