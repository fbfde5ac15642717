/// The sample checks' verdict, computed from what the store keeps and the batch's record pages as
/// they are now. Pure, so that the rule is tested without a workspace.
///
/// The rule (AQL-style): a round of n pages passes when every page is checked and at most c of them
/// were found defective. A defect counts against its round even once the page is rescanned and
/// checked in order again (the sample stands for the unchecked pages, which no rescan mended). The
/// batch's verdict is its latest round's; after a failed round only a larger one (tightened
/// inspection) can pass it. A round that took every page left completes a 100 % inspection: once
/// it is checked the batch passes whatever the count, since no page is left unchecked, and each
/// defect found must be resolved (rectifying inspection). The release needs the verdict passed and, beyond it, every defect
/// resolved (the page's latest check in order), no record page flagged for rescan, no file of the
/// batch in quarantine and the batch's run finished.
enum QualityAssessment {
    /// A page of the batch's records as it is now.
    struct RecordPage: Sendable {
        var document: String
        var page: Int
        /// The source file's name (an Akte's: its folder and the file the page is in).
        var file: String
        /// The page's number in that file (an Akte's page lies in one of its files).
        var filePage: Int? = nil
        var imageSHA256: String
        /// The quality gate's open flags (empty: none).
        var flags: [String]
    }

    static func reference(document: String, page: Int) -> String { "\(document.prefix(8)):\(page)" }

    static func report(batch: QualityLedgerBatch, state: QualityLedgerState, recordPages: [RecordPage]) -> QualityReport {
        let roundNumbers = Dictionary(uniqueKeysWithValues: state.rounds.map { ($0.id, $0.number) })
        var files: [String: String] = [:]
        var filePages: [String: Int] = [:]
        for round in state.rounds { for page in round.pages { files["\(page.document):\(page.page)"] = page.file } }
        // The record's pages as they are now name the file and its page where the sheet lies.
        for page in recordPages {
            files["\(page.document):\(page.page)"] = page.file
            filePages["\(page.document):\(page.page)"] = page.filePage
        }
        func page(_ document: String, _ number: Int) -> QualityReport.Page {
            .init(reference: reference(document: document, page: number), document: document, page: number,
                  file: files["\(document):\(number)"] ?? "", filePage: filePages["\(document):\(number)"] ?? number)
        }

        let lastIndex = Dictionary(state.checks.enumerated().map { ("\($1.document):\($1.page)", $0) }, uniquingKeysWith: max)
        let checks = state.checks.enumerated().map { index, check in
            QualityReport.Check(page: page(check.document, check.page), round: roundNumbers[check.round] ?? 0,
                                imageSHA256: check.imageSHA256, outcome: check.verdict == "ok" ? .ok : .defect,
                                defect: check.defect.flatMap(QualityDefect.init(rawValue:)), note: check.note,
                                checkedBy: check.checkedBy, checkedAt: check.checkedAt,
                                superseded: lastIndex["\(check.document):\(check.page)"] != index)
        }

        var rounds: [QualityReport.Round] = []
        for stored in state.rounds {
            let pages = stored.pages.map { sample in
                let key = "\(sample.document):\(sample.page)"
                let own = checks.filter { $0.round == stored.number && "\($0.page.document):\($0.page.page)" == key }
                return QualityReport.SampledPage(page: page(sample.document, sample.page), imageSHA256: sample.imageSHA256,
                                                 latest: own.last, foundDefective: own.contains { $0.outcome == .defect })
            }
            let checked = pages.filter { $0.latest != nil }.count
            let defects = pages.filter(\.foundDefective).count
            let complete = pages.count == stored.population
            let result: QualityReport.Verdict = checked < pages.count ? .open
                : defects > stored.acceptance && !complete ? .failed : .passed
            rounds.append(.init(number: stored.number, id: stored.id, seed: stored.seed, ratePercent: stored.ratePercent,
                                count: stored.count, population: stored.population, sampleSize: pages.count,
                                acceptance: stored.acceptance, tightened: rounds.last?.result == .failed,
                                drawnBy: stored.drawnBy, drawnAt: stored.drawnAt, pages: pages, checked: checked,
                                defects: defects, result: result))
        }

        let latest = checks.filter { !$0.superseded }
        let openDefects = latest.filter { $0.outcome == .defect }
        let resolvedDefects = latest.filter { $0.outcome == .ok }.compactMap { ok in
            checks.last { $0.outcome == .defect && $0.page == ok.page }
        }
        let flagged = recordPages.filter { !$0.flags.isEmpty }.map {
            QualityReport.FlaggedPage(page: page($0.document, $0.page), flags: $0.flags)
        }
        let quarantined = batch.documents.filter { $0.state == .quarantined }.map { fileName($0.file) }
        let (verdict, reason) = verdict(of: rounds.last)

        var blockers: [String] = []
        if let release = state.release {
            blockers.append("the paper was released for destruction already (\(release.releasedAt), \(release.releasedBy))")
        }
        if !batch.closed { blockers.append("the batch's run is not finished (scanctl run resumes it)") }
        if verdict != .passed { blockers.append(reason) }
        for defect in openDefects {
            blockers.append("page \(defect.page.reference) (\(defect.page.file), page \(defect.page.page)) has an open defect "
                            + "(\(defect.defect?.rawValue ?? "defect")): rescan it and check it again")
        }
        for page in flagged {
            blockers.append("page \(page.page.reference) (\(page.page.file), page \(page.page.page)) is flagged for rescan "
                            + "(\(page.flags.joined(separator: "; "))): scanctl rescan replaces or accepts it")
        }
        for file in quarantined {
            blockers.append("\(file) is in quarantine, in no record: retry or release it first")
        }

        return QualityReport(
            batch: batch.id, batchClosed: batch.closed, recordPages: recordPages.count, rounds: rounds, checks: checks,
            openDefects: openDefects, resolvedDefects: resolvedDefects, flaggedPages: flagged, quarantinedFiles: quarantined,
            unprocessed: batch.unprocessed,
            documentsInReview: batch.documents.filter { $0.state == .needsReview }.count, verdict: verdict, verdictReason: reason,
            blockers: blockers,
            release: state.release.map { .init(by: $0.releasedBy, at: $0.releasedAt, reason: $0.reason) },
            mayRelease: state.release == nil && blockers.isEmpty)
    }

    /// The batch's verdict: its latest round's, in plain words.
    static func verdict(of round: QualityReport.Round?) -> (QualityReport.Verdict, String) {
        guard let round else { return (.open, "no sample drawn yet (scanctl qa sample)") }
        let found = "\(round.defects) defective page\(round.defects == 1 ? "" : "s") in \(round.sampleSize)"
        switch round.result {
        case .open:
            return (.open, "round \(round.number): \(round.sampleSize - round.checked) of \(round.sampleSize) page(s) not checked yet")
        case .failed:
            return (.failed, "round \(round.number) found \(found), more than the \(round.acceptance) allowed: "
                    + "draw a larger round (more than \(round.sampleSize) pages) with scanctl qa sample")
        case .passed where round.sampleSize == round.population && round.defects > round.acceptance:
            return (.passed, "round \(round.number) checked every page left (100 % inspection) and found \(found): "
                    + "each defect must be resolved")
        case .passed:
            return (.passed, "round \(round.number) found \(found), at most \(round.acceptance) allowed")
        }
    }

    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
