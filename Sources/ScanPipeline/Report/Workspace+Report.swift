public import FilePlan
import Foundation

extension Workspace {
    /// Gathers the report, for every batch or those whose id starts with `batch`. Thumbnails are
    /// rendered for the first `thumbnails` documents in review.
    public func report(plan: FilePlan, batch: String? = nil, thumbnails: Int = 60) async throws -> WorkspaceReport {
        let filter = batch ?? ""
        let facts = try await reportFacts.reportFacts(batchPrefix: filter)
        let snapshot = Self.reportSnapshot(facts)
        var report = WorkspaceReport(
            workspace: root.path, generatedAt: Date(), batchFilter: batch, batches: snapshot.batches,
            documents: snapshot.documents.count, pages: snapshot.pages, blankPages: snapshot.blankPages,
            filedAutomatically: 0, filedAfterReview: 0, inReview: 0, awaitingApproval: 0, quarantinedCount: 0,
            duplicates: snapshot.duplicates, classified: [], mainGroups: [], reviewQueue: [],
            quarantined: snapshot.quarantined, reviewers: snapshot.reviewers, audit: try await verifyAuditTrail())

        var groups: [String: Int] = [:]
        for document in snapshot.documents {
            let state = document.state
            if state == .quarantined { report.quarantinedCount += 1; continue }
            if state == .discarded { report.discarded += 1; continue }
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
        (report.rescans, report.recordsWithOpenFlags) = Self.rescanLines(facts)
        report.mainGroups = groups.keys.sorted().map { code in
            (code, plan.node(code: code)?.title ?? "keiner Hauptgruppe zugeordnet", groups[code] ?? 0)
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

    /// Every flagged page: open ones from the pages as they are, resolved ones from the trail.
    private static func rescanLines(_ facts: ReportFacts) -> ([WorkspaceReport.RescanLine], Int) {
        var lines: [WorkspaceReport.RescanLine] = []
        for event in facts.events where RescanAuditPayload.Rescanned.actions.contains(where: { $0.rawValue == event.action })
            || RescanAuditPayload.Accepted.actions.contains(where: { $0.rawValue == event.action }) {
            let document = event.document ?? ""
            let source = facts.sources[document]
            if let payload = event.payload(as: RescanAuditPayload.Rescanned.self) {
                for page in payload.pages {
                    lines.append(.init(document: document, source: source?.path ?? "?", page: page.number, flags: page.flags,
                                       status: "replaced", by: payload.by, reason: payload.reason, time: event.time,
                                       state: source?.state ?? "?"))
                }
            } else if let payload = event.payload(as: RescanAuditPayload.Accepted.self) {
                for page in payload.pages {
                    lines.append(.init(document: document, source: source?.path ?? "?", page: page.number, flags: page.flags,
                                       status: "accepted", by: payload.by, reason: payload.reason, time: event.time,
                                       state: source?.state ?? "?"))
                }
            }
        }
        var openRecords = Set<String>()
        for page in facts.flaggedPages {
            let source = facts.sources[page.document]
            let flags = (try? JSONDecoder().decode([String].self, from: Data(page.quality.utf8))) ?? [page.quality]
            lines.append(.init(document: page.document, source: source?.path ?? "?", page: page.page, flags: flags, status: "open",
                               by: nil, reason: nil, time: nil, state: source?.state ?? "?"))
            if [DocumentState.filed.rawValue, DocumentState.exported.rawValue].contains(source?.state) { openRecords.insert(page.document) }
        }
        return (lines, openRecords.count)
    }

    private struct ReportSnapshot {
        struct Document {
            var state: DocumentState?
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

    private static func reportSnapshot(_ facts: ReportFacts) -> ReportSnapshot {
        var snapshot = ReportSnapshot()
        // The last note written for a batch says whether it is sealed.
        let notes = facts.transfervermerkWritten.reduce(into: [String: Bool]()) { notes, event in
            notes[event.batch ?? ""] = event.payload(as: TransfervermerkWritten.self)?.sealedBy != nil
        }
        snapshot.batches = facts.batches.map { batch in
            WorkspaceReport.Batch(
                id: batch.id, openedAt: batch.openedAt, closedAt: batch.closedAt, operatorName: batch.operatorName,
                profile: batch.profile, schutzbedarf: batch.schutzbedarf, planVersion: batch.planVersion,
                documents: batch.documents, pages: batch.pages,
                transfervermerk: notes[batch.id].map { $0 ? "sealed" : "written" } ?? "missing")
        }
        snapshot.documents = facts.documents.map { document in
            ReportSnapshot.Document(
                state: document.state, planCode: document.planCode,
                classification: document.classification.flatMap { try? JSONDecoder().decode(Classification.self, from: Data($0.utf8)) })
        }
        snapshot.pages = facts.pages
        snapshot.blankPages = facts.blankPages
        var activity: [String: WorkspaceReport.ReviewerActivity] = [:]
        func count(_ name: String?, _ change: (inout WorkspaceReport.ReviewerActivity) -> Void) {
            guard let name else { return }
            change(&activity[name, default: .init(reviewer: name)])
        }
        for event in facts.events {
            switch event.knownAction {
            case .fileDuplicate:
                snapshot.duplicates += 1
            case .fileQuarantined, .documentQuarantined:
                let payload = event.payload(as: RunAuditPayload.Quarantined.self)
                snapshot.quarantined.append(.init(path: payload?.path ?? "?", code: payload?.code ?? "?", reason: payload?.reason ?? "",
                                                  time: event.time))
            case .documentReviewed:
                let reviewed = event.payload(as: ReviewAuditPayload.Reviewed.self)
                if reviewed?.decision == "reclassified" {
                    count(reviewed?.reviewer) { $0.reclassified += 1 }
                } else {
                    count(reviewed?.reviewer) { $0.accepted += 1 }
                }
                count(reviewed?.approvedBy) { $0.approved += 1 }
            case .documentDiscarded:
                let discarded = event.payload(as: ReviewAuditPayload.Discarded.self)
                count(discarded?.reviewer) { $0.discarded += 1 }
                count(discarded?.approvedBy) { $0.approved += 1 }
            case .reviewRequested:
                count(event.payload(as: ReviewAuditPayload.Requested.self)?.reviewer) { $0.requested += 1 }
            case .reviewRejected:
                count(event.payload(as: ReviewAuditPayload.Rejected.self)?.reviewer) { $0.rejected += 1 }
            default:
                break
            }
        }
        snapshot.reviewers = activity.values.sorted { $0.reviewer < $1.reviewer }
        return snapshot
    }
}
