import FilePlan
import Foundation
internal import GRDB

/// The browser's review queue: filtered, sorted and paged in SQL over the document table's queue
/// columns, so that a page costs the same with 50 documents as with 10,000.
extension SQLiteStore {
    func reviewQueue(_ query: ReviewQueueQuery, levels: [String]?) async throws -> ReviewQueuePage {
        let (condition, arguments) = Self.queueCondition(query, levels: levels)
        let pending = ReviewRequestState.pending.rawValue
        return try await database.read { db in
            let total = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile WHERE \(condition)
                """, arguments: arguments) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.id, d.batch, d.state, d.planCode, d.suggestedCode, d.confidence, d.schutzbedarf, d.pageCount, d.updatedAt,
                       d.aktenzeichen,
                       s.path,
                       (SELECT COUNT(*) FROM page p WHERE p.document = d.id AND p.quality IS NOT NULL) AS rescan,
                       r.toCode, r.requestedBy
                FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile JOIN batch b ON b.id = d.batch
                LEFT JOIN reclassification r ON r.document = d.id AND r.status = ?
                WHERE \(condition)
                ORDER BY \(Self.queueOrder(query.sort))
                LIMIT ? OFFSET ?
                """, arguments: [pending] + arguments + [query.pageSize, (query.page - 1) * query.pageSize])
            return ReviewQueuePage(rows: rows.map { row in
                ReviewQueuePage.Row(
                    document: row["id"], batch: row["batch"], source: row["path"], aktenzeichen: row["aktenzeichen"], state: row["state"],
                    planCode: row["planCode"], suggestedCode: row["suggestedCode"], confidence: row["confidence"] ?? 0,
                    schutzbedarf: row["schutzbedarf"] ?? Schutzbedarf.normal.rawValue, pageCount: row["pageCount"],
                    rescanPages: row["rescan"], pendingTo: row["toCode"], pendingBy: row["requestedBy"], updatedAt: row["updatedAt"])
            }, total: total, query: query)
        }
    }

    func reviewQueueIDs(_ query: ReviewQueueQuery, levels: [String]?) async throws -> [String] {
        let (condition, arguments) = Self.queueCondition(query, levels: levels)
        return try await database.read { db in
            try String.fetchAll(db, sql: """
                SELECT d.id FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile JOIN batch b ON b.id = d.batch
                WHERE \(condition) ORDER BY \(Self.queueOrder(query.sort))
                """, arguments: arguments)
        }
    }

    private static func queueCondition(_ query: ReviewQueueQuery, levels: [String]?) -> (String, StatementArguments) {
        var conditions = ["d.recordPath IS NOT NULL"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        let states = query.states.documentStates.map(\.rawValue)
        conditions.append("d.state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
        arguments += states
        if let below = query.below {
            conditions.append("COALESCE(d.confidence, 0) < ?")
            arguments.append(below)
        }
        if let code = query.code {
            conditions.append("replace(d.planCode, '.', '') LIKE ? ESCAPE '\\'")
            arguments.append(code.key + "%")
        }
        if let batch = query.batch {
            conditions.append("d.batch LIKE ? ESCAPE '\\'")
            arguments.append(likeEscaped(batch.lowercased()) + "%")
        }
        if let level = query.schutzbedarf {
            conditions.append("COALESCE(d.schutzbedarf, 'normal') = ?")
            arguments.append(level.rawValue)
        }
        if let levels {
            conditions.append("COALESCE(d.schutzbedarf, 'normal') IN (\(levels.map { _ in "?" }.joined(separator: ", ")))")
            arguments += levels
        }
        if query.awaitingApproval {
            conditions.append("EXISTS (SELECT 1 FROM reclassification w WHERE w.document = d.id AND w.status = ?)")
            arguments.append(ReviewRequestState.pending.rawValue)
        }
        if let documents = query.documents {
            conditions.append("d.id IN (\(documents.isEmpty ? "NULL" : documents.map { _ in "?" }.joined(separator: ", ")))")
            arguments += documents
        }
        if let source = query.source {
            conditions.append("s.path LIKE ? ESCAPE '\\'")
            arguments.append("%" + likeEscaped(source) + "%")
        }
        if let text = query.text {
            conditions.append("EXISTS (SELECT 1 FROM page p WHERE p.document = d.id AND p.text LIKE ? ESCAPE '\\')")
            arguments.append("%" + likeEscaped(text) + "%")
        }
        return (conditions.joined(separator: " AND "), StatementArguments(arguments))
    }

    private static func queueOrder(_ sort: ReviewQueueQuery.Sort) -> String {
        let arrival = "b.openedAt, s.path, d.id"
        return switch sort {
        case .arrival: arrival
        case .confidence: "COALESCE(d.confidence, 0), \(arrival)"
        case .code: "replace(COALESCE(d.planCode, ''), '.', ''), \(arrival)"
        case .source: "s.path, d.id"
        }
    }

    /// `text` with LIKE's wildcards taken literally.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
