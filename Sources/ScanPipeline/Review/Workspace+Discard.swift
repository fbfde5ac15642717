import FilePlan
import Foundation

/// "Nicht aktenrelevant": a review that finds a document is no record at all (advertising, a
/// receipt of no record value, a duplicate) discards it. The document's state becomes `discarded`
/// for good (``DocumentLifecycle``), it is never exported, and its record's metadata says so; its
/// files stay in the workspace as the evidence the trail points at. A reason is required, and four
/// eyes where the review policy says so (``ReviewPolicy/discard``).
extension Workspace {
    /// What a discard waiting for a second reviewer is filed as (the request's decision).
    static let discardDecision = "discarded"

    /// Discards documents. Every document is checked before any change, as in ``review(_:documents:reason:session:dryRun:)``;
    /// a document whose discard needs four eyes waits for `approve`.
    public func discard(documents: [String], reason: String, session: ReviewSession,
                        dryRun: Bool = false) async throws -> [ReviewOutcome] {
        try session.user.require(.discard, to: "discard documents as nicht aktenrelevant")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ScanPipelineError(.review, "discarding needs a reason (--reason): why the document is nicht aktenrelevant")
        }
        if !dryRun { try await completePendingRecordUpdates(software: session.software) }
        let items = try await loadItems(documents)
        var plans: [(item: ReviewItem, rule: String?)] = []
        for document in documents {
            let item = try Self.undecidedItem(document, in: items)
            guard let state = DocumentState(rawValue: item.state), DocumentLifecycle.allows(.discarded, in: state) else {
                throw ScanPipelineError(.review, item.state == DocumentState.exported.rawValue
                    ? "document \(document) is exported: the DMS holds it now, dispose of it there"
                    : "document \(document) is \(item.state) and cannot be discarded")
            }
            let rule = session.policy.discardSecondReviewerRule(
                schutzbedarf: Schutzbedarf(rawValue: item.schutzbedarf) ?? .normal, code: item.planCode.flatMap(PlanCode.init))
            plans.append((item, rule))
        }
        let bulk = documents.count > 1 ? UUID().uuidString.lowercased() : nil
        var outcomes: [ReviewOutcome] = []
        for (item, rule) in plans {
            let outcome = ReviewOutcome(document: item.document, source: item.source, from: item.planCode,
                                        to: TrainingDocument.notRecordRelevantCode,
                                        result: rule == nil ? .discarded : .awaitingApproval, rule: rule)
            if !dryRun {
                if let rule {
                    try await requestSecondReviewer(for: item, toCode: TrainingDocument.notRecordRelevantCode,
                                                    decision: Self.discardDecision, reason: reason, rule: rule,
                                                    session: session, bulk: bulk)
                } else {
                    try await applyDiscard(item, reviewer: session.reviewer, approvedBy: nil, reason: reason, request: nil,
                                           session: session, bulk: bulk)
                }
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Discards the document: its state, the pending metadata and the `document.discarded` event
    /// in one transaction, then the record's metadata rewritten.
    func applyDiscard(_ item: ReviewItem, reviewer: String, approvedBy: String?, reason: String,
                      request: (id: String, reason: String?)?, session: ReviewSession, bulk: String?,
                      fourEyes: @escaping @Sendable (PendingReclassification) throws -> Void = { _ in }) async throws {
        let now = Date()
        try await requireIntactRecord(item.document)
        var metadata = try await currentMetadata(item.document)
        guard let current = DocumentState(rawValue: item.state) else {
            throw ScanPipelineError(.review, "document \(item.document) is in an unknown state \(item.state)")
        }
        let next = try DocumentLifecycle.target(of: .discarded, from: current)
        metadata.state = next.rawValue
        metadata.review = .init(decision: Self.discardDecision, previousCode: metadata.plan.code,
                                code: TrainingDocument.notRecordRelevantCode, reviewer: reviewer, approvedBy: approvedBy,
                                reason: reason, time: AuditTrail.timestamp(now))
        let pendingJSON = String(decoding: try RecordWriter.encoded(metadata), as: UTF8.self)
        let payload = ReviewAuditPayload.Discarded(
            previousCode: item.planCode, previousState: item.state, state: next.rawValue, suggestedCode: item.suggestion?.code,
            probability: item.suggestion?.probability, reviewer: reviewer, approvedBy: approvedBy, reason: reason,
            approvalReason: request?.reason, request: request?.id, planVersion: session.plan.version, bulk: bulk)
        let review = ReviewApplication(
            document: item.document, expectedState: current, state: next, planCode: item.planCode, pendingRecord: pendingJSON,
            schutzbedarf: metadata.schutzbedarf,
            approval: request.map { .init(request: $0.id, decidedBy: approvedBy ?? reviewer, reason: $0.reason) })
        try await reviews.applyReview(review, fourEyes: fourEyes, event: AuditEntry(
            actor: .person(approvedBy ?? reviewer), subjects: try await subjects(of: item.document), payload: payload, at: now))
        try await rewriteRecord(item.document, software: session.software)
    }
}
