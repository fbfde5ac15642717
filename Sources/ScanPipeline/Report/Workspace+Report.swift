public import FilePlan
import Foundation
internal import GRDB

extension Workspace {
    /// Gathers the report, for every batch or those whose id starts with `batch`. Thumbnails are
    /// rendered for the first `thumbnails` documents in review.
    public func report(plan: FilePlan, batch: String? = nil, thumbnails: Int = 60) async throws -> WorkspaceReport {
        let filter = batch ?? ""
        let snapshot = try await database.read { db in try Self.reportSnapshot(db, batchPrefix: filter) }
        var report = WorkspaceReport(
            workspace: root.path, generatedAt: Date(), batchFilter: batch, batches: snapshot.batches,
            documents: snapshot.documents.count, pages: snapshot.pages, blankPages: snapshot.blankPages,
            filedAutomatically: 0, filedAfterReview: 0, inReview: 0, awaitingApproval: 0, quarantinedCount: 0,
            duplicates: snapshot.duplicates, classified: [], mainGroups: [], reviewQueue: [],
            quarantined: snapshot.quarantined, reviewers: snapshot.reviewers, audit: try await verifyAuditTrail())

        var groups: [String: Int] = [:]
        for document in snapshot.documents {
            let state = DocumentState(rawValue: document.state)
            if state == .quarantined { report.quarantinedCount += 1; continue }
            // Released or retried (the retry is a document of its own): not a record.
            if state?.isQuarantine == true { continue }
            guard let classification = document.classification else { continue }
            let automatic = classification.decision == .filed
            report.classified.append(.init(confidence: classification.bestPath.last?.probability ?? 0, automatic: automatic))
            switch state {
            case .needsReview: report.inReview += 1
            case .filed, .exported: if automatic { report.filedAutomatically += 1 } else { report.filedAfterReview += 1 }
            default: break
            }
            if state?.isSettled == true {
                let main = document.planCode.flatMap(PlanCode.init).map { String($0.key.prefix(1)) } ?? "-"
                groups[main, default: 0] += 1
            }
        }
        report.mainGroups = groups.keys.sorted().map { code in
            (code, plan.node(code: code)?.title ?? "not filed under any main group", groups[code] ?? 0)
        }

        let queue = try await reviewItems(ReviewFilter(states: .needsReview, batch: batch))
        report.awaitingApproval = queue.filter { $0.pending != nil }.count
        let root = root
        for (index, item) in queue.enumerated() {
            let pdf = root.appendingPathComponent(item.recordPath).appendingPathComponent(Self.pdfFileName)
            // A page of the record is shown: it must be from the PDF scanctl wrote.
            if index < thumbnails { try await requireIntactRecord(item.document, names: [Self.pdfFileName]) }
            let thumbnail = index < thumbnails ? try? await BlockingWork.run { try PageThumbnail.png(of: pdf) } : nil
            report.reviewQueue.append(.init(item: item, thumbnail: thumbnail))
        }
        return report
    }

    private struct ReportSnapshot {
        struct Document {
            var state: String
            var planCode: String?
            var classification: Classification?
        }
        var batches: [WorkspaceReport.Batch] = []
        var documents: [Document] = []
        var pages = 0
        var blankPages = 0
        var duplicates = 0
        var quarantined: [WorkspaceReport.Quarantined] = []
        var reviewers: [WorkspaceReport.ReviewerActivity] = []
    }

    private static func reportSnapshot(_ db: Database, batchPrefix: String) throws -> ReportSnapshot {
        var snapshot = ReportSnapshot()
        let inBatch = "substr(batch, 1, length(:prefix)) = :prefix"
        let arguments: StatementArguments = ["prefix": batchPrefix]
        let notes = try Row.fetchAll(db, sql: """
            SELECT batch, json_extract(payload, '$.sealedBy') AS sealedBy FROM auditEvent
            WHERE action = 'transfervermerk.written' ORDER BY sequence
            """).reduce(into: [String: Bool]()) { notes, row in notes[row["batch"] ?? ""] = (row["sealedBy"] as String?) != nil }
        snapshot.batches = try Row.fetchAll(db, sql: """
            SELECT b.*, (SELECT COUNT(*) FROM document d WHERE d.batch = b.id) AS documents,
                   (SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document WHERE d.batch = b.id) AS pages
            FROM batch b WHERE substr(b.id, 1, length(:prefix)) = :prefix ORDER BY b.openedAt
            """, arguments: arguments).map { row in
                let id: String = row["id"]
                return WorkspaceReport.Batch(
                    id: id, openedAt: row["openedAt"], closedAt: row["closedAt"], operatorName: row["operator"],
                    profile: row["profile"], schutzbedarf: row["schutzbedarf"], planVersion: row["planVersion"],
                    documents: row["documents"], pages: row["pages"],
                    transfervermerk: notes[id].map { $0 ? "sealed" : "written" } ?? "missing")
            }
        snapshot.documents = try Row.fetchAll(db, sql: "SELECT state, planCode, classification FROM document WHERE \(inBatch)",
                                              arguments: arguments).map { row in
            ReportSnapshot.Document(
                state: row["state"], planCode: row["planCode"],
                classification: (row["classification"] as String?).flatMap {
                    try? JSONDecoder().decode(Classification.self, from: Data($0.utf8))
                })
        }
        let pages = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS pages, COALESCE(SUM(p.blank), 0) AS blank FROM page p JOIN document d ON d.id = p.document
            WHERE substr(d.batch, 1, length(:prefix)) = :prefix
            """, arguments: arguments)
        snapshot.pages = pages?["pages"] ?? 0
        snapshot.blankPages = pages?["blank"] ?? 0
        snapshot.duplicates = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = 'file.duplicate' AND \(inBatch)",
                                               arguments: arguments) ?? 0
        snapshot.quarantined = try Row.fetchAll(db, sql: """
            SELECT time, json_extract(payload, '$.path') AS path, json_extract(payload, '$.code') AS code,
                   json_extract(payload, '$.reason') AS reason
            FROM auditEvent WHERE action IN ('file.quarantined', 'document.quarantined') AND \(inBatch) ORDER BY sequence
            """, arguments: arguments).map { row in
                WorkspaceReport.Quarantined(path: row["path"] ?? "?", code: row["code"] ?? "?", reason: row["reason"] ?? "",
                                            time: row["time"])
            }
        var activity: [String: WorkspaceReport.ReviewerActivity] = [:]
        func count(_ name: String?, _ change: (inout WorkspaceReport.ReviewerActivity) -> Void) {
            guard let name else { return }
            change(&activity[name, default: .init(reviewer: name)])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT action, json_extract(payload, '$.reviewer') AS reviewer, json_extract(payload, '$.approvedBy') AS approvedBy,
                   json_extract(payload, '$.decision') AS decision
            FROM auditEvent WHERE action IN ('document.reviewed', 'review.requested', 'review.rejected') AND \(inBatch)
            ORDER BY sequence
            """, arguments: arguments) {
            let reviewer: String? = row["reviewer"]
            switch row["action"] as String {
            case "document.reviewed":
                if (row["decision"] as String?) == "reclassified" { count(reviewer) { $0.reclassified += 1 } } else { count(reviewer) { $0.accepted += 1 } }
                count(row["approvedBy"]) { $0.approved += 1 }
            case "review.requested": count(reviewer) { $0.requested += 1 }
            default: count(reviewer) { $0.rejected += 1 }
            }
        }
        snapshot.reviewers = activity.values.sorted { $0.reviewer < $1.reviewer }
        return snapshot
    }
}
