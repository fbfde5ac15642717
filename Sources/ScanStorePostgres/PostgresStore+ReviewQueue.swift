import FilePlan
import Foundation
package import ScanPipeline
import PostgresNIO

/// The browser's review queue: filtered, sorted and paged in SQL over the document table's queue
/// columns, so that a page costs the same with 50 documents as with 10,000. The same filters and
/// order as SQLite's: LIKE there folds ASCII letters only, here `lower` under the "C" collation
/// does the same; text sorts byte-wise (COLLATE "C") as SQLite's BINARY collation does.
extension PostgresStore {
    package func reviewQueue(_ query: ReviewQueueQuery, levels: [String]?) async throws -> ReviewQueuePage {
        let pending = ReviewRequestState.pending.rawValue
        return try await read { [logger] connection in
            var count = QueueSQL()
            let countCondition = Self.queueCondition(query, levels: levels, &count)
            let total = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT COUNT(*) FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile WHERE \(countCondition)
                """, binds: count.bindings), logger: logger).collect().first?.decode(Int.self) ?? 0
            var page = QueueSQL()
            let pendingBind = page.bind(pending)
            let condition = Self.queueCondition(query, levels: levels, &page)
            let limit = page.bind(query.pageSize)
            let offset = page.bind((query.page - 1) * query.pageSize)
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT d.id, d.batch, d.state, d.planCode, d.suggestedCode, d.confidence, d.schutzbedarf, d.pageCount, d.updatedAt,
                       d.aktenzeichen,
                       s.path,
                       (SELECT COUNT(*) FROM page p WHERE p.document = d.id AND p.quality IS NOT NULL) AS rescan,
                       r.toCode, r.requestedBy
                FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile JOIN batch b ON b.id = d.batch
                LEFT JOIN reclassification r ON r.document = d.id AND r.status = \(pendingBind)
                WHERE \(condition)
                ORDER BY \(Self.queueOrder(query.sort))
                LIMIT \(limit) OFFSET \(offset)
                """, binds: page.bindings), logger: logger).collect()
            return ReviewQueuePage(rows: try rows.map { row in
                let (id, batch, state, planCode, suggestedCode, confidence, schutzbedarf, pageCount, updatedAt, aktenzeichen, path,
                     rescan, toCode, requestedBy) = try row.decode(
                    (String, String, String, String?, String?, Double?, String?, Int, String, String?, String, Int, String?,
                     String?).self)
                return ReviewQueuePage.Row(
                    document: id, batch: batch, source: path, aktenzeichen: aktenzeichen, state: state, planCode: planCode,
                    suggestedCode: suggestedCode, confidence: confidence ?? 0, schutzbedarf: schutzbedarf ?? Schutzbedarf.normal.rawValue,
                    pageCount: pageCount, rescanPages: rescan, pendingTo: toCode, pendingBy: requestedBy, updatedAt: updatedAt)
            }, total: total, query: query)
        }
    }

    package func reviewQueueIDs(_ query: ReviewQueueQuery, levels: [String]?) async throws -> [String] {
        try await read { [logger] connection in
            var sql = QueueSQL()
            let condition = Self.queueCondition(query, levels: levels, &sql)
            return try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT d.id FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile JOIN batch b ON b.id = d.batch
                WHERE \(condition) ORDER BY \(Self.queueOrder(query.sort))
                """, binds: sql.bindings), logger: logger).collect().map { try $0.decode(String.self) }
        }
    }

    /// Numbered placeholders (`$1`, `$2`, …) for a statement put together from parts.
    struct QueueSQL {
        var bindings = PostgresBindings()

        mutating func bind(_ value: String) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }

        mutating func bind(_ value: Int) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }

        mutating func bind(_ value: Double) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }

        mutating func list(_ values: [String]) -> String {
            values.map { bind($0) }.joined(separator: ", ")
        }
    }

    private static func queueCondition(_ query: ReviewQueueQuery, levels: [String]?, _ sql: inout QueueSQL) -> String {
        var conditions = ["d.recordPath IS NOT NULL"]
        let states = query.states.documentStates.map(\.rawValue)
        conditions.append("d.state IN (\(states.isEmpty ? "NULL" : sql.list(states)))")
        if let below = query.below {
            conditions.append("COALESCE(d.confidence, 0) < \(sql.bind(below))")
        }
        if let code = query.code {
            conditions.append(like("replace(d.planCode, '.', '')", sql.bind(code.key + "%")))
        }
        if let batch = query.batch {
            conditions.append(like("d.batch", sql.bind(likeEscaped(batch.lowercased()) + "%")))
        }
        if let level = query.schutzbedarf {
            conditions.append("COALESCE(d.schutzbedarf, 'normal') = \(sql.bind(level.rawValue))")
        }
        if let levels {
            conditions.append("COALESCE(d.schutzbedarf, 'normal') IN (\(levels.isEmpty ? "NULL" : sql.list(levels)))")
        }
        if query.awaitingApproval {
            conditions.append("EXISTS (SELECT 1 FROM reclassification w WHERE w.document = d.id AND w.status = "
                              + "\(sql.bind(ReviewRequestState.pending.rawValue)))")
        }
        if let documents = query.documents {
            conditions.append("d.id IN (\(documents.isEmpty ? "NULL" : sql.list(documents)))")
        }
        if let source = query.source {
            conditions.append(like("s.path", sql.bind("%" + likeEscaped(source) + "%")))
        }
        if let text = query.text {
            conditions.append("EXISTS (SELECT 1 FROM page p WHERE p.document = d.id AND \(like("p.text", sql.bind("%" + likeEscaped(text) + "%"))))")
        }
        return conditions.joined(separator: " AND ")
    }

    private static func queueOrder(_ sort: ReviewQueueQuery.Sort) -> String {
        let arrival = #"b.openedAt COLLATE "C", s.path COLLATE "C", d.id COLLATE "C""#
        return switch sort {
        case .arrival: arrival
        case .confidence: "COALESCE(d.confidence, 0), \(arrival)"
        case .code: #"replace(COALESCE(d.planCode, ''), '.', '') COLLATE "C", "# + arrival
        case .source: #"s.path COLLATE "C", d.id COLLATE "C""#
        }
    }

    /// `column LIKE pattern` as SQLite matches it: ASCII letters in either case, other characters
    /// exactly (`lower` under the "C" collation folds only A–Z), backslash escaping.
    static func like(_ column: String, _ pattern: String) -> String {
        #"lower(\#(column) COLLATE "C") LIKE lower(\#(pattern) COLLATE "C") ESCAPE '\'"#
    }

    /// `text` with LIKE's wildcards taken literally.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
