import Foundation

/// Sample checks (Stichprobe, TR-RESISCAN / BSI TR-03138) of a batch before its paper is destroyed:
/// rounds of pages drawn at random from the batch's records (seeded, so the draw can be repeated),
/// each page compared with its paper by a named person, the verdict by an AQL-style rule (no more
/// than c defective pages in n), and the release of the paper ("Freigabe zur Vernichtung des
/// Papiers") once the batch passed and nothing is open. See ``QualityAssessment`` for the rule.
/// Every step is committed with its audit event.
extension Workspace {
    /// The full batch id for an id or its start (at least 4 characters).
    public func qualityBatchID(_ reference: String) async throws -> String {
        let wanted = reference.lowercased()
        let matches = try await quality.qualityBatches(matching: wanted)
        if matches.contains(wanted) { return wanted }
        guard wanted.count >= 4, matches.count == 1, let match = matches.first else {
            throw ScanPipelineError(.unknownID, matches.isEmpty || wanted.count < 4
                ? "no batch has an id starting with \(reference)\(wanted.count < 4 ? " (give at least 4 characters)" : "")"
                : "\(reference) is the start of \(matches.count) batch ids; give more characters")
        }
        return match
    }

    /// Everything about the batch's sample checks, as they stand: rounds, checks, what is open, the
    /// verdict and the release. What the Transfervermerk renders.
    public func qualityReport(batch: String) async throws -> QualityReport {
        let (facts, state, pages) = try await qualityFacts(batch: batch)
        return QualityAssessment.report(batch: facts, state: state, recordPages: pages)
    }

    /// Draws a sample round from the batch's record pages not drawn before: by `rule`, with `seed`
    /// (a random one when nil; recorded either way). Refused while the batch's run is not finished,
    /// while the last round has unchecked pages, once the paper is released, and after a failed
    /// round unless the new one is larger with no more defects allowed (tightened inspection).
    public func drawQualitySample(batch: String, rule: QualitySampleRule, seed: UInt64? = nil,
                                  by user: AuthenticatedUser) async throws -> QualityReport.Round {
        try user.require(.qualityCheck, to: "draw sample checks")
        let (facts, state, pages) = try await qualityFacts(batch: batch)
        let report = QualityAssessment.report(batch: facts, state: state, recordPages: pages)
        if let release = report.release {
            throw ScanPipelineError(.qualityCheck, "the paper of batch \(batch) was released for destruction on \(release.at): "
                                    + "its sample checks are closed")
        }
        guard facts.closed else {
            throw ScanPipelineError(.qualityCheck, "batch \(batch) is still running: draw the sample once its run is finished")
        }
        if let last = report.rounds.last, last.result == .open {
            throw ScanPipelineError(.qualityCheck, "round \(last.number) of batch \(batch) has \(last.sampleSize - last.checked) "
                                    + "page(s) not checked yet: check them before drawing another round")
        }
        let drawn = drawnKeys(state)
        let population = pages.filter { !drawn.contains("\($0.document):\($0.page)") }
        let size = try rule.sampleSize(population: population.count)
        // Tightened inspection: after a failed round, only a larger one with no more defects allowed,
        // or every page left (100 % inspection).
        if let last = report.rounds.last, last.result == .failed, size < population.count,
           size <= last.sampleSize || rule.acceptance > last.acceptance {
            throw ScanPipelineError(.qualityCheck, "round \(last.number) failed (\(last.defects) defective in \(last.sampleSize)): "
                                    + "the next round must be larger (more than \(last.sampleSize) pages) and allow no more defects "
                                    + "(at most \(last.acceptance)), or take every page left (\(population.count))")
        }
        let seed = seed ?? QualitySampleDraw.randomSeed()
        let chosen = QualitySampleDraw.indices(count: size, of: population.count, seed: seed).map { population[$0] }
        let now = Date()
        let number = state.rounds.count + 1
        let ratePercent: Double? = if case .rate(let percent) = rule.size { percent } else { nil }
        let count: Int? = if case .count(let count) = rule.size { count } else { nil }
        let round = QualityLedgerRound(
            id: UUID().uuidString.lowercased(), batch: batch, number: number, seed: String(seed), ratePercent: ratePercent, count: count,
            population: population.count, acceptance: rule.acceptance, drawnBy: user.name, drawnAt: AuditTrail.timestamp(now),
            pages: chosen.map { .init(document: $0.document, page: $0.page, imageSHA256: $0.imageSHA256, file: $0.file) })
        let payload = QualityAuditPayload.SampleDrawn(
            by: user.name, round: number, roundID: round.id, seed: round.seed, ratePercent: ratePercent, count: count,
            population: population.count, sampleSize: size, acceptance: rule.acceptance, tightened: report.rounds.last?.result == .failed,
            pages: round.pages.map { .init(document: $0.document, page: $0.page, file: $0.file, imageSHA256: $0.imageSHA256) })
        try await quality.commitSampleRound(round, event: AuditEntry(actor: user.actor, subjects: AuditSubjects(batch: batch),
                                                                     payload: payload, at: now))
        guard let drawnRound = try await qualityReport(batch: batch).rounds.first(where: { $0.id == round.id }) else {
            throw ScanPipelineError(.staleState, "round \(number) of batch \(batch) is gone; look at it again")
        }
        return drawnRound
    }

    /// Records the visual comparison of a sampled page (`3fa2b1c0:2`, as `qa sample` prints it) with
    /// its paper: in order, or a defect of `kind` with a note saying what is wrong. A later check of
    /// the page supersedes this one (a defect is open until a check finds the page in order).
    public func checkQualityPage(_ reference: String, outcome: QualityReport.Outcome, defect: QualityDefect? = nil, note: String? = nil,
                                 by user: AuthenticatedUser) async throws -> QualityReport.Check {
        try user.require(.qualityCheck, to: "record sample checks")
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        switch outcome {
        case .defect:
            guard defect != nil else {
                throw ScanPipelineError(.qualityCheck, "a defect needs its kind (\(QualityDefect.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard (note ?? "").count >= 3 else {
                throw ScanPipelineError(.qualityCheck, "a defect needs a note (at least 3 characters): what is wrong on the page")
            }
        case .ok:
            guard defect == nil else { throw ScanPipelineError(.qualityCheck, "a page in order has no defect kind") }
        }
        let (document, number) = try await sampledPage(reference)
        guard let (batch, roundID) = try await quality.qualityRound(document: document, page: number) else {
            throw ScanPipelineError(.qualityCheck, "page \(reference) is in no drawn sample: only sampled pages are checked "
                                    + "(scanctl qa status --batch ID lists them)")
        }
        let (facts, state, pages) = try await qualityFacts(batch: batch)
        let report = QualityAssessment.report(batch: facts, state: state, recordPages: pages)
        guard let round = report.rounds.first(where: { $0.id == roundID }),
              let sampled = round.pages.first(where: { $0.page.document == document && $0.page.page == number }) else {
            throw ScanPipelineError(.staleState, "the sample of batch \(batch) changed meanwhile; look at it again")
        }
        // The image compared is the page as it is now in the record (a rescan gives a new one).
        let image = pages.first { $0.document == document && $0.page == number }?.imageSHA256 ?? sampled.imageSHA256
        let now = Date()
        let check = QualityLedgerCheck(round: roundID, document: document, page: number, imageSHA256: image, verdict: outcome.rawValue,
                                       defect: outcome == .defect ? defect?.rawValue : nil, note: note?.isEmpty == true ? nil : note,
                                       checkedBy: user.name, checkedAt: AuditTrail.timestamp(now))
        let payload = QualityAuditPayload.PageChecked(
            by: user.name, round: round.number,
            page: .init(document: document, page: number, file: sampled.page.file, imageSHA256: image), verdict: check.verdict,
            defect: check.defect, note: check.note, previous: sampled.latest?.outcome.rawValue)
        try await quality.commitPageCheck(check, batch: batch, event: AuditEntry(
            actor: user.actor, subjects: AuditSubjects(batch: batch, document: document), payload: payload, at: now))
        return QualityReport.Check(page: sampled.page, round: round.number, imageSHA256: image, outcome: outcome,
                                   defect: outcome == .defect ? defect : nil, note: check.note, checkedBy: user.name,
                                   checkedAt: check.checkedAt, superseded: false)
    }

    /// Releases the batch's paper for destruction ("Freigabe zur Vernichtung des Papiers"): only a
    /// records manager, once; refused, naming what is open, unless the batch passed its sample
    /// checks with every defect resolved, no record page flagged for rescan, no file in quarantine
    /// and its run finished. The release is then recorded in the supplement to the batch's
    /// Transfervermerk (sealed with `sealKey`), see ``writeMissingNachtraege(sealKey:actor:)``.
    public func releasePaper(batch: String, reason: String? = nil, by user: AuthenticatedUser,
                             sealKey: SealKey? = nil) async throws -> QualityReport {
        try user.require(.releasePaper, to: "release the paper for destruction")
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        // Held like a rescan, so that no rescan or run changes the batch's pages meanwhile.
        return try await workQueue.holding(for: "scanctl qa release") {
            let (facts, state, pages) = try await qualityFacts(batch: batch)
            let report = QualityAssessment.report(batch: facts, state: state, recordPages: pages)
            guard report.mayRelease, let last = report.rounds.last else {
                throw ScanPipelineError(.qualityCheck, "the paper of batch \(batch) cannot be released: "
                                        + report.blockers.joined(separator: "; "))
            }
            let now = Date()
            let payload = QualityAuditPayload.Released(
                by: user.name, reason: reason?.isEmpty == true ? nil : reason, rounds: report.rounds.count,
                sampleSize: last.sampleSize, defects: last.defects, acceptance: last.acceptance, checks: report.checks.count,
                verdictReason: report.verdictReason,
                excepted: report.unprocessed.isEmpty ? nil : report.unprocessed.map(\.path))
            try await quality.commitRelease(
                QualityLedgerRelease(batch: batch, releasedBy: user.name, releasedAt: AuditTrail.timestamp(now), reason: payload.reason),
                expectedRounds: state.rounds.count, expectedChecks: state.checks.count,
                event: AuditEntry(actor: user.actor, subjects: AuditSubjects(batch: batch), payload: payload, at: now))
            try await writeMissingNachtraege(sealKey: sealKey, actor: user.actor)
            return try await qualityReport(batch: batch)
        }
    }

    /// The batch, its stored sample checks and its record pages as they are now.
    private func qualityFacts(batch: String) async throws -> (QualityLedgerBatch, QualityLedgerState, [QualityAssessment.RecordPage]) {
        guard let facts = try await quality.qualityBatch(batch) else {
            throw ScanPipelineError(.unknownID, "batch \(batch) is not in the workspace")
        }
        let state = try await quality.qualityState(batch: batch)
        var pages: [QualityAssessment.RecordPage] = []
        for document in facts.documents where [.filed, .needsReview, .exported].contains(document.state) {
            let metadata = try await currentMetadata(document.id)
            let file = QualityAssessment.fileName(document.file)
            for page in metadata.pages where page.inRecord {
                // An Akte's page is found on paper by its file in the Akte's folder and its page there.
                pages.append(.init(document: document.id, page: page.number, file: page.file.map { "\(file)/\($0)" } ?? file,
                                   filePage: page.filePage ?? page.number, imageSHA256: page.imageSHA256, flags: page.rescan ?? []))
            }
        }
        return (facts, state, pages)
    }

    private func drawnKeys(_ state: QualityLedgerState) -> Set<String> {
        Set(state.rounds.flatMap { $0.pages.map { "\($0.document):\($0.page)" } })
    }

    /// The document and page number of `DOCUMENT:PAGE` (the document id or its first characters).
    private func sampledPage(_ reference: String) async throws -> (String, Int) {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Int(parts[1]), number >= 1 else {
            throw ScanPipelineError(.qualityCheck, "\(reference): name the page as DOCUMENT:PAGE, e.g. 3fa2b1c0:2 (as qa sample prints it)")
        }
        do {
            return (try await documentIDs([String(parts[0])])[0], number)
        } catch let error as ScanPipelineError where error.code == .review {
            throw ScanPipelineError(.qualityCheck, error.reason)
        }
    }
}
