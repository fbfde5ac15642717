import FilePlan
public import Foundation

/// The review queue: listing, showing, accepting and reclassifying documents, four eyes.
///
/// A review changes the database first (the document's placement and state, the pending new
/// metadata, its `document.reviewed` event, in one transaction), then rewrites the record's files
/// and clears the pending update with a `record.rewritten` event. A crash in between leaves the
/// update pending; every review and export command completes it first.
extension Workspace {
    public var reviewPolicyFile: URL { root.appendingPathComponent(ReviewPolicy.fileName) }

    /// The documents matching the filter, oldest batch first, then by source path.
    public func reviewItems(_ filter: ReviewFilter) async throws -> [ReviewItem] {
        try await loadItems().filter(filter.admits)
    }

    /// The full document ids for ids or unique starts of ids (at least 4 characters), among the
    /// documents with a record (or, with `withRecord` false, all documents).
    public func documentIDs(_ references: [String], withRecord: Bool = true) async throws -> [String] {
        let all = try await reviews.documentIDs(withRecord: withRecord)
        return try references.map { reference in
            let wanted = reference.lowercased()
            guard wanted.count >= 4 else {
                throw ScanPipelineError(.review, "\(reference): give at least 4 characters of the document id")
            }
            let matches = all.filter { $0.hasPrefix(wanted) }
            guard matches.count == 1, let match = matches.first else {
                throw ScanPipelineError(.review, matches.isEmpty
                    ? "no document\(withRecord ? " with a record" : "") has an id starting with \(reference)"
                    : "\(reference) is the start of \(matches.count) document ids; give more characters")
            }
            return match
        }
    }

    /// One document in detail; the text cut to `excerpt` characters (nil: all of it).
    public func reviewDetail(_ document: String, excerpt: Int? = 700) async throws -> ReviewDetail {
        guard let item = try await loadItems(only: document).first else {
            throw ScanPipelineError(.review, "document \(document) has no record")
        }
        let metadata = try await currentMetadata(document)
        // Its PDF is shown to be opened: it must be the one scanctl wrote.
        try await requireIntactRecord(document, names: [Self.pdfFileName])
        let texts = try await reviews.recognisedText(document: document)
        let text = texts.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return ReviewDetail(
            item: item, metadata: metadata, textExcerpt: excerpt.map { String(text.prefix($0)) } ?? text,
            textIsExcerpt: excerpt.map { text.count > $0 } ?? false,
            pdfPath: root.appendingPathComponent(item.recordPath).appendingPathComponent(metadata.pdf).path,
            history: try await auditEvents(document: document))
    }

    /// Accepts or reclassifies documents. Every document is checked before any changes, so a bulk
    /// review stops on a problem before it has done anything; then each document is changed in its
    /// own transaction with its own audit event. With `dryRun`, nothing is written.
    public func review(_ action: ReviewAction, documents: [String], reason: String?, session: ReviewSession,
                       dryRun: Bool = false) async throws -> [ReviewOutcome] {
        try session.user.require(.review, to: "review documents")
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if case .reclassify = action, (reason ?? "").count < 3 {
            throw ScanPipelineError(.review, "a reclassification needs a reason (--reason): why the record belongs there")
        }
        if !dryRun { try await completePendingRecordUpdates(software: session.software) }
        let items = try await loadItems(documents)
        var plans: [(item: ReviewItem, target: PlanNode, decision: String, rule: String?)] = []
        for document in documents {
            let item = try Self.undecidedItem(document, in: items)
            guard let state = DocumentState(rawValue: item.state), DocumentLifecycle.allows(.reviewed, in: state) else {
                throw ScanPipelineError(.review, "document \(document) is \(item.state) and cannot be reviewed again")
            }
            let (target, decision) = try Self.target(of: action, for: item, in: session.plan)
            // The document's own protection need, or the one it gets where it moves to.
            let from = item.planCode.flatMap(PlanCode.init)
            let rule = from == target.code ? nil
                : session.policy.secondReviewerRule(schutzbedarf: Schutzbedarf(rawValue: item.schutzbedarf) ?? .normal,
                                                    target: target.schutzbedarf, from: from, to: target.code)
            plans.append((item, target, decision, rule))
        }
        let bulk = documents.count > 1 ? UUID().uuidString.lowercased() : nil
        var outcomes: [ReviewOutcome] = []
        for plan in plans {
            let item = plan.item
            var outcome = ReviewOutcome(document: item.document, source: item.source, from: item.planCode,
                                        to: plan.target.code.written, result: .confirmed, rule: plan.rule)
            if plan.rule != nil {
                outcome.result = .awaitingApproval
            } else if item.planCode != plan.target.code.written {
                outcome.result = .reclassified
            }
            if !dryRun {
                if let rule = plan.rule {
                    try await requestSecondReviewer(item, to: plan.target, decision: plan.decision, reason: reason ?? "",
                                                    rule: rule, session: session, bulk: bulk)
                } else {
                    try await apply(item, to: plan.target, decision: plan.decision, reviewer: session.reviewer, approvedBy: nil,
                                    reason: reason, request: nil, session: session, bulk: bulk)
                }
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// A second, different reviewer approves the change waiting for `document`: it takes effect.
    public func approve(_ document: String, reason: String?, session: ReviewSession) async throws -> ReviewOutcome {
        try session.user.require(.approve, to: "approve four-eyes changes")
        try await completePendingRecordUpdates(software: session.software)
        guard let item = try await loadItems(only: document).first, let pending = item.pending else {
            throw ScanPipelineError(.review, "nothing waits for approval for document \(document)")
        }
        guard !ReviewSession.sameReviewer(pending.requestedBy, session.reviewer) else {
            throw ScanPipelineError(.forbidden, "\(pending.requestedBy) requested this change; four eyes: a second, different "
                                    + "reviewer must approve it")
        }
        let fourEyes: @Sendable (PendingReclassification) throws -> Void = { [approver = session.reviewer] stored in
            // Checked again on the request as stored, in the transaction that approves it.
            guard !ReviewSession.sameReviewer(stored.requestedBy, approver) else {
                throw ScanPipelineError(.forbidden, "\(stored.requestedBy) requested this change; four eyes: a second, "
                                        + "different reviewer must approve it")
            }
        }
        if pending.decision == Self.discardDecision {
            try await applyDiscard(item, reviewer: pending.requestedBy, approvedBy: session.reviewer, reason: pending.reason,
                                   request: (pending.id, reason), session: session, bulk: nil, fourEyes: fourEyes)
            return ReviewOutcome(document: document, source: item.source, from: pending.fromCode, to: pending.toCode,
                                 result: .approved, rule: pending.rule)
        }
        guard let code = PlanCode(pending.toCode) else {
            throw ScanPipelineError(.review, "the waiting change names \(pending.toCode), which is not a plan code")
        }
        let target = try Self.fileableNode(code, in: session.plan)
        try await apply(item, to: target, decision: pending.decision, reviewer: pending.requestedBy,
                        approvedBy: session.reviewer, reason: pending.reason, request: (pending.id, reason), session: session,
                        bulk: nil, fourEyes: fourEyes)
        return ReviewOutcome(document: document, source: item.source, from: pending.fromCode, to: pending.toCode,
                             result: .approved, rule: pending.rule)
    }

    /// Rejects the change waiting for `document` (its requester withdraws it the same way).
    public func reject(_ document: String, reason: String, session: ReviewSession) async throws -> ReviewOutcome {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 3 else { throw ScanPipelineError(.review, "a rejection needs a reason (--reason)") }
        guard let item = try await loadItems(only: document).first, let pending = item.pending else {
            throw ScanPipelineError(.review, "nothing waits for approval for document \(document)")
        }
        let withdrawn = ReviewSession.sameReviewer(pending.requestedBy, session.reviewer)
        // A requester may withdraw their own change; rejecting another's is an approver's decision.
        if !withdrawn { try session.user.require(.approve, to: "reject four-eyes changes") }
        let payload = ReviewAuditPayload.Rejected(request: pending.id, fromCode: pending.fromCode, toCode: pending.toCode,
                                                  requestedBy: pending.requestedBy, reviewer: session.reviewer,
                                                  reason: reason, withdrawn: withdrawn)
        let audit = AuditEntry(actor: .person(session.reviewer), subjects: try await subjects(of: document), payload: payload)
        let reviewer = session.reviewer
        try await reviews.decideRequest(pending.id, document: document) { stored in
            // Who decides is checked against the request as stored, in the deciding transaction.
            let withdraws = ReviewSession.sameReviewer(stored.requestedBy, reviewer)
            guard withdraws == withdrawn else {
                throw ScanPipelineError(.staleState, "the waiting change for document \(document) changed meanwhile")
            }
            return ReviewRequestDecision(transition: withdraws ? .withdraw : .reject, decidedBy: reviewer, reason: reason,
                                         audit: audit)
        }
        return ReviewOutcome(document: document, source: item.source, from: pending.fromCode, to: pending.toCode,
                             result: .rejected, rule: pending.rule)
    }

    /// Rewrites every record whose review update a crash left pending. Returns how many.
    @discardableResult
    public func completePendingRecordUpdates(software: String) async throws -> Int {
        let pending = try await reviews.documentsWithPendingRecord()
        for document in pending { try await rewriteRecord(document, software: software) }
        return pending.count
    }

    /// The review item of `document`, refused when it has none or a change of it waits for a second reviewer.
    static func undecidedItem(_ document: String, in items: [ReviewItem]) throws -> ReviewItem {
        guard let item = items.first(where: { $0.document == document }) else {
            throw ScanPipelineError(.review, "document \(document) has no record")
        }
        if let pending = item.pending {
            throw ScanPipelineError(.review, "document \(document): \(pending.fromCode ?? "-") → \(pending.toCode), requested by "
                                    + "\(pending.requestedBy), waits for a second reviewer; approve or reject it first")
        }
        return item
    }
}
