import Foundation
internal import GRDB

/// The Posteingang's figures in one read: per batch by correlated counts over the indexed batch
/// column, so that only the batches shown are counted.
extension SQLiteStore {
    func batchOverview(limit: Int) async throws -> BatchOverview {
        try await database.read { db in
            let states = (
                // Filed: every record, also one handed to the archive or disposed of since.
                filed: [DocumentState.filed, .exported, .offered, .handedOver, .archived, .disposed].map(\.rawValue),
                review: DocumentState.needsReview.rawValue,
                quarantined: DocumentState.quarantined.rawValue,
                settled: [DocumentState.filed, .exported, .discarded, .released, .retried, .offered, .handedOver, .archived,
                          .disposed].map(\.rawValue))
            let filedList = states.filed.map { _ in "?" }.joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT b.*,
                  (SELECT COUNT(*) FROM document d WHERE d.batch = b.id) AS documents,
                  (SELECT COUNT(*) FROM document d WHERE d.batch = b.id AND d.state IN (\(filedList))) AS filed,
                  (SELECT COUNT(*) FROM document d WHERE d.batch = b.id AND d.state = ?) AS review,
                  (SELECT COUNT(*) FROM document d WHERE d.batch = b.id AND d.state = ?) AS quarantined,
                  (SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document WHERE d.batch = b.id) AS pages,
                  (SELECT COALESCE(SUM(p.blank), 0) FROM page p JOIN document d ON d.id = p.document WHERE d.batch = b.id) AS blank,
                  (SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document
                     WHERE d.batch = b.id AND p.quality IS NOT NULL) AS rescan,
                  (SELECT e.payload FROM auditEvent e WHERE e.batch = b.id AND e.action = ?
                     ORDER BY e.sequence DESC LIMIT 1) AS note
                FROM batch b ORDER BY b.openedAt DESC, b.id LIMIT ?
                """, arguments: StatementArguments(states.filed + [states.review, states.quarantined, AuditAction.transfervermerkWritten.rawValue])
                    + [limit])
            let batches = rows.map { row -> BatchOverview.Batch in
                let note = (row["note"] as String?).map { payload in
                    (try? JSONDecoder().decode(Workspace.TransfervermerkWritten.self, from: Data(payload.utf8)))?.sealedBy != nil
                }
                return BatchOverview.Batch(
                    id: row["id"], openedAt: row["openedAt"], closedAt: row["closedAt"], operatorName: row["operator"],
                    profile: row["profile"], schutzbedarf: row["schutzbedarf"], documents: row["documents"], pages: row["pages"],
                    blankPages: row["blank"], filed: row["filed"], inReview: row["review"], quarantined: row["quarantined"],
                    rescanPages: row["rescan"], transfervermerk: note.map { $0 ? "sealed" : "written" } ?? "missing")
            }
            let settled = states.settled.map { _ in "?" }.joined(separator: ", ")
            let totals = try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM batch) AS batches,
                       (SELECT COUNT(*) FROM document WHERE state = ?) AS review,
                       (SELECT COUNT(*) FROM reclassification WHERE status = ?) AS waiting,
                       (SELECT COUNT(*) FROM document WHERE state = ?) AS quarantined,
                       (SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document
                          WHERE p.quality IS NOT NULL AND d.state NOT IN (\(settled))) AS rescan
                """, arguments: StatementArguments([states.review, ReviewRequestState.pending.rawValue, states.quarantined] + states.settled))
            let byState = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS count FROM document GROUP BY state")
            return BatchOverview(batches: batches, batchCount: totals?["batches"] ?? 0, inReview: totals?["review"] ?? 0,
                                 awaitingApproval: totals?["waiting"] ?? 0, quarantined: totals?["quarantined"] ?? 0,
                                 rescanPages: totals?["rescan"] ?? 0,
                                 documentsByState: Dictionary(byState.map { ($0["state"] as String, $0["count"] as Int) },
                                                              uniquingKeysWith: +),
                                 pages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM page") ?? 0)
        }
    }
}
