import Foundation
package import ScanPipeline
import PostgresNIO

/// The Posteingang's figures in one read: per batch by correlated counts over the indexed batch
/// column, so that only the batches shown are counted.
extension PostgresStore {
    /// A `transfervermerk.written` payload as the overview reads it (the shape of
    /// `Workspace.TransfervermerkWritten`): whether it was sealed.
    private struct WrittenNote: Decodable {
        var file: String
        var sha256: String
        var sealedBy: String?
    }

    package func batchOverview(limit: Int) async throws -> BatchOverview {
        try await read { [logger] connection in
            let states = (
                // Filed: every record, also one handed to the archive or disposed of since.
                filed: [DocumentState.filed, .exported, .offered, .handedOver, .archived, .disposed].map(\.rawValue),
                review: DocumentState.needsReview.rawValue,
                quarantined: DocumentState.quarantined.rawValue,
                settled: [DocumentState.filed, .exported, .discarded, .released, .retried, .offered, .handedOver, .archived,
                          .disposed].map(\.rawValue))
            let rows = try await connection.query("""
                SELECT b.id, b.openedAt, b.closedAt, b.operator, b.profile, b.schutzbedarf,
                  (SELECT COUNT(*) FROM document d WHERE d.batch = b.id) AS documents,
                  (SELECT COUNT(*) FROM document d WHERE d.batch = b.id AND d.state = ANY(\(states.filed))) AS filed,
                  (SELECT COUNT(*) FROM document d WHERE d.batch = b.id AND d.state = \(states.review)) AS review,
                  (SELECT COUNT(*) FROM document d WHERE d.batch = b.id AND d.state = \(states.quarantined)) AS quarantined,
                  (SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document WHERE d.batch = b.id) AS pages,
                  (SELECT COUNT(*) FILTER (WHERE p.blank) FROM page p JOIN document d ON d.id = p.document WHERE d.batch = b.id) AS blank,
                  (SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document
                     WHERE d.batch = b.id AND p.quality IS NOT NULL) AS rescan,
                  (SELECT e.payload FROM auditEvent e WHERE e.batch = b.id AND e.action = \(AuditAction.transfervermerkWritten.rawValue)
                     ORDER BY e.sequence DESC LIMIT 1) AS note
                FROM batch b ORDER BY b.openedAt COLLATE "C" DESC, b.id COLLATE "C" LIMIT \(limit)
                """, logger: logger).collect()
            let batches = try rows.map { row -> BatchOverview.Batch in
                let (id, openedAt, closedAt, operatorName, profile, schutzbedarf, documents, filed, review, quarantined, pages, blank,
                     rescan, payload) = try row.decode(
                    (String, String, String?, String, String, String, Int, Int, Int, Int, Int, Int, Int, String?).self)
                let note = payload.map { payload in
                    (try? JSONDecoder().decode(WrittenNote.self, from: Data(payload.utf8)))?.sealedBy != nil
                }
                return BatchOverview.Batch(
                    id: id, openedAt: openedAt, closedAt: closedAt, operatorName: operatorName, profile: profile,
                    schutzbedarf: schutzbedarf, documents: documents, pages: pages, blankPages: blank, filed: filed, inReview: review,
                    quarantined: quarantined, rescanPages: rescan, transfervermerk: note.map { $0 ? "sealed" : "written" } ?? "missing")
            }
            let totals = try await connection.query("""
                SELECT (SELECT COUNT(*) FROM batch) AS batches,
                       (SELECT COUNT(*) FROM document WHERE state = \(states.review)) AS review,
                       (SELECT COUNT(*) FROM reclassification WHERE status = \(ReviewRequestState.pending.rawValue)) AS waiting,
                       (SELECT COUNT(*) FROM document WHERE state = \(states.quarantined)) AS quarantined,
                       (SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document
                          WHERE p.quality IS NOT NULL AND NOT (d.state = ANY(\(states.settled)))) AS rescan,
                       (SELECT COUNT(*) FROM page) AS pages
                """, logger: logger).collect().first?.decode((Int, Int, Int, Int, Int, Int).self) ?? (0, 0, 0, 0, 0, 0)
            var byState: [String: Int] = [:]
            for row in try await connection.query("SELECT state, COUNT(*) FROM document GROUP BY state", logger: logger).collect() {
                let (state, count) = try row.decode((String, Int).self)
                byState[state, default: 0] += count
            }
            return BatchOverview(batches: batches, batchCount: totals.0, inReview: totals.1, awaitingApproval: totals.2,
                                 quarantined: totals.3, rescanPages: totals.4, documentsByState: byState, pages: totals.5)
        }
    }
}
