import FilePlan
import Foundation

extension Workspace {
    /// The node an action files the document under, and what the review is called.
    static func target(of action: ReviewAction, for item: ReviewItem, in plan: FilePlan) throws -> (PlanNode, String) {
        switch action {
        case .accept:
            let code = item.state == DocumentState.needsReview.rawValue ? item.suggestion?.code : item.planCode
            guard let code, let parsed = PlanCode(code) else {
                throw ScanPipelineError(.review, "document \(item.document) has no suggestion to accept; reclassify it")
            }
            return (try fileableNode(parsed, in: plan, akteNode: akteNode(of: item)), "accepted")
        case .reclassify(let text):
            guard let code = PlanCode(text) else { throw ScanPipelineError(.review, "\(text) is not a plan code") }
            return (try fileableNode(code, in: plan, akteNode: akteNode(of: item)), "reclassified")
        }
    }

    /// The plan code an Akte of a delivery lives at: its Aktenzeichen's own node.
    static func akteNode(of item: ReviewItem) -> PlanCode? {
        guard item.isAkte else { return nil }
        return item.aktenzeichen.flatMap(PlanReference.planCode(in:))
    }

    /// Records are filed only at the lowest level of the plan, and never under a closed node; an
    /// Akte of a delivery also at its Aktenzeichen's own node (`akteNode`), subdivided or not.
    static func fileableNode(_ code: PlanCode, in plan: FilePlan, akteNode: PlanCode? = nil) throws -> PlanNode {
        guard let node = plan.node(code) else {
            throw ScanPipelineError(.review, "\(code.written) is not in the file plan \(plan.version)")
        }
        guard node.children.isEmpty || node.code == akteNode else {
            let children = plan.children(of: node).prefix(5).map { "\($0.code.written) \($0.title)" }.joined(separator: ", ")
            throw ScanPipelineError(.review, "\(code.written) \(node.title) has subdivisions; file under one of them (\(children)…)")
        }
        guard !node.closed else {
            throw ScanPipelineError(.review, "\(code.written) \(node.title) is closed in the file plan: nothing is filed there any more")
        }
        return node
    }

    func subjects(of document: String) async throws -> AuditSubjects {
        guard let subjects = try await reviews.auditSubjects(document: document) else {
            throw ScanPipelineError(.review, "document \(document) is not in the workspace")
        }
        return subjects
    }

    /// The record's metadata as it is, or as a pending review update will make it.
    func currentMetadata(_ document: String) async throws -> RecordMetadata {
        let row = try await reviews.recordPlacement(document: document)
        guard let row, let recordPath = row.recordPath else {
            throw ScanPipelineError(.review, "document \(document) has no record")
        }
        let file = root.appendingPathComponent(recordPath).appendingPathComponent(Self.metadataFileName)
        // The file as the trail recorded it, unless a pending review update replaces it.
        let data: Data
        if let pending = row.pendingRecord { data = Data(pending.utf8) } else { data = try await verifiedRecordFile(document, name: Self.metadataFileName) }
        do { return try JSONDecoder().decode(RecordMetadata.self, from: data) } catch {
            throw ScanPipelineError(.review, path: file.path, "the record's metadata cannot be read: \(error)")
        }
    }

    /// Review items for all documents with a record, or one.
    func loadItems(only document: String? = nil) async throws -> [ReviewItem] {
        let listing = try await reviews.reviewListing(document: document)
        let pending = listing.pending
        var items: [ReviewItem] = []
        for row in listing.rows {
            let id = row.id
            let metadata = try await currentMetadata(id)
            let classification = row.classification
                .flatMap { try? JSONDecoder().decode(Classification.self, from: Data($0.utf8)) }
            let suggestion = classification?.bestPath.last
            items.append(ReviewItem(
                document: id, batch: row.batch, source: row.sourcePath, aktenzeichen: metadata.aktenzeichen.first,
                isAkte: metadata.akte?.aktenzeichen != nil, state: row.state,
                planCode: metadata.plan.code, planTitle: metadata.plan.title, suggestion: suggestion,
                confidence: suggestion?.probability ?? 0, reviewReason: classification?.reviewReason,
                schutzbedarf: metadata.schutzbedarf, pending: pending.first { $0.document == id },
                reviewed: metadata.review, recordPath: row.recordPath))
        }
        return items
    }

    /// The review items of `documents` only (each read and checked on its own), so that a review
    /// costs the same in a workspace of 10 records as of 10,000.
    func loadItems(_ documents: [String]) async throws -> [ReviewItem] {
        var items: [ReviewItem] = []
        for document in Set(documents) { items += try await loadItems(only: document) }
        return items
    }

    func requestSecondReviewer(_ item: ReviewItem, to target: PlanNode, decision: String, reason: String, rule: String,
                               session: ReviewSession, bulk: String?) async throws {
        try await requestSecondReviewer(for: item, toCode: target.code.written, decision: decision, reason: reason, rule: rule,
                                        session: session, bulk: bulk)
    }

    /// A change to `toCode` (a plan code, or ``TrainingDocument/notRecordRelevantCode`` for a
    /// discard) that waits for a second reviewer.
    func requestSecondReviewer(for item: ReviewItem, toCode: String, decision: String, reason: String, rule: String,
                               session: ReviewSession, bulk: String?) async throws {
        let request = UUID().uuidString.lowercased()
        let payload = ReviewAuditPayload.Requested(
            request: request, fromCode: item.planCode, toCode: toCode, decision: decision,
            reviewer: session.reviewer, reason: reason, rule: rule, planVersion: session.plan.version, bulk: bulk)
        let now = Date()
        let change = ReviewChangeRequest(
            id: request, document: item.document, fromCode: item.planCode, toCode: toCode, decision: decision,
            reason: reason, requestedBy: session.reviewer, requestedAt: now, rule: rule, planVersion: session.plan.version)
        try await reviews.requestChange(change, event: AuditEntry(actor: .person(session.reviewer),
                                                                   subjects: try await subjects(of: item.document),
                                                                   payload: payload, at: now))
    }

    /// Files the document under `target`: the database and the audit event first, then the
    /// record's files.
    func apply(_ item: ReviewItem, to target: PlanNode, decision: String, reviewer: String, approvedBy: String?,
               reason: String?, request: (id: String, reason: String?)?, session: ReviewSession, bulk: String?,
               fourEyes: @escaping @Sendable (PendingReclassification) throws -> Void = { _ in }) async throws {
        let plan = session.plan
        let now = Date()
        // Both files are checked before the review is committed: a review of a changed record is refused whole.
        try await requireIntactRecord(item.document)
        var metadata = try await currentMetadata(item.document)
        let previousCode = metadata.plan.code
        metadata.plan = .init(id: plan.id, version: plan.version, code: target.code.written, title: target.title,
                              path: plan.path(to: target).map { "\($0.code.written) \($0.title)" })
        metadata.retention = target.retention?.description
        metadata.disposal = target.disposal?.rawValue
        metadata.retentionEnd = target.retentionEnd(closedOn: metadata.closedOn)
        // Never lower a protection need in review: the document's own markings still apply.
        metadata.schutzbedarf = max(Schutzbedarf(rawValue: metadata.schutzbedarf) ?? .normal, target.schutzbedarf).rawValue
        guard let current = DocumentState(rawValue: item.state) else {
            throw ScanPipelineError(.review, "document \(item.document) is in an unknown state \(item.state)")
        }
        let next = try DocumentLifecycle.target(of: .reviewed, from: current)
        metadata.state = next.rawValue
        metadata.review = .init(decision: decision, previousCode: previousCode, code: target.code.written, reviewer: reviewer,
                                approvedBy: approvedBy, reason: reason, time: AuditTrail.timestamp(now))
        let pendingJSON = String(decoding: try RecordWriter.encoded(metadata), as: UTF8.self)
        let payload = ReviewAuditPayload.Reviewed(
            code: target.code.written, previousCode: previousCode, previousState: item.state, state: next.rawValue,
            decision: decision, reviewer: reviewer, approvedBy: approvedBy, reason: reason, approvalReason: request?.reason,
            request: request?.id, planVersion: plan.version, bulk: bulk)
        let review = ReviewApplication(
            document: item.document, expectedState: current, state: next, planCode: target.code.written, pendingRecord: pendingJSON,
            schutzbedarf: metadata.schutzbedarf,
            approval: request.map { .init(request: $0.id, decidedBy: approvedBy ?? reviewer, reason: $0.reason) })
        try await reviews.applyReview(review, fourEyes: fourEyes, event: AuditEntry(
            actor: .person(approvedBy ?? reviewer), subjects: try await subjects(of: item.document), payload: payload, at: now))
        try await rewriteRecord(item.document, software: session.software)
    }

    /// Refuses to rewrite a record whose files are not as the trail recorded them, unless they are
    /// already exactly what this rewrite writes (a kill after the rewrite, before its event).
    func requireRecordBeforeRewrite(_ document: String, pending metadata: RecordMetadata) async throws {
        // A committed rescan's staged PDF, put in place: the change is scanctl's own, in the trail.
        let staged = try await rescans.pendingPDF(document: document)
        let findings = try await recordFindings(document).filter { finding in
            !(staged != nil && finding.file.hasSuffix(Self.pdfFileName) && finding.found == staged)
        }
        guard !findings.isEmpty else { return }
        let rewritten = try await recordStorage.holdsRewrite(document, metadata: metadata)
        if !rewritten { try await refuse(findings, document: document) }
    }

    /// Writes a pending review update into the record's files and clears it.
    func rewriteRecord(_ document: String, software: String) async throws {
        let metadata = try await currentMetadata(document)
        let parse = { (text: String?) -> Date? in
            text.flatMap { try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0) }
                ?? text.flatMap { try? Date.ISO8601FormatStyle().parse($0) }
        }
        let created = parse(metadata.createdAt) ?? Date()
        let modified = parse(metadata.review?.time) ?? created
        // The rewrite keeps the PDF's pages and records new hashes: a changed file must be caught
        // before, or the change would be recorded as scanctl's own.
        try await putStagedPDFInPlace(document)
        try await requireRecordBeforeRewrite(document, pending: metadata)
        let written = try await recordStorage.rewrite(document, metadata: metadata, created: created, modified: modified)
        let payload = ReviewAuditPayload.RecordRewritten(record: document, planCode: metadata.plan.code,
                                                         pdfSHA256: written.pdfSHA256, metadataSHA256: written.metadataSHA256)
        try await reviews.completeRecordRewrite(document: document, event: AuditEntry(
            actor: .component("scanctl", version: software), subjects: try await subjects(of: document), payload: payload))
    }
}
