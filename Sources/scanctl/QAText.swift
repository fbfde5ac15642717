import Foundation
import ScanPipeline

/// Plain-text layout for the qa commands.
enum QAText {
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The drawn pages as a table: page, file, its latest check.
    static func pages(_ pages: [QualityReport.SampledPage]) -> String {
        var rows = [["PAGE", "FILE", "FILE PAGE", "CHECK"]]
        for page in pages {
            rows.append([page.page.reference, page.page.file, String(page.page.filePage ?? page.page.page), check(page.latest)])
        }
        return ReviewText.table(rows)
    }

    static func check(_ check: QualityReport.Check?) -> String {
        guard let check else { return "not checked" }
        switch check.outcome {
        case .ok: return "in order (\(check.checkedBy), \(check.checkedAt))"
        case .defect:
            return "defect \(check.defect?.rawValue ?? ""): \(ReviewText.short(check.note ?? "", 50)) (\(check.checkedBy), \(check.checkedAt))"
        }
    }

    static func status(_ report: QualityReport) -> String {
        var text = "batch \(report.batch): \(report.recordPages) record page(s)\(report.batchClosed ? "" : ", run not finished")\n"
        for round in report.rounds {
            let asked = round.ratePercent.map { "\(number($0)) %" } ?? "\(round.count ?? round.sampleSize) page(s)"
            text += "\nround \(round.number) (\(asked) of \(round.population), seed \(round.seed), drawn by \(round.drawnBy) "
                + "\(round.drawnAt)\(round.tightened ? ", tightened" : "")): \(round.checked) of \(round.sampleSize) checked, "
                + "\(round.defects) defective, at most \(round.acceptance) allowed: \(round.result.rawValue)\n"
            text += pages(round.pages)
        }
        if !report.openDefects.isEmpty || !report.resolvedDefects.isEmpty {
            text += "\ndefects: \(report.openDefects.count) open, \(report.resolvedDefects.count) resolved\n"
        }
        if !report.flaggedPages.isEmpty {
            text += "pages flagged for rescan: "
                + report.flaggedPages.map { "\($0.page.reference) (\($0.flags.joined(separator: "; ")))" }.joined(separator: ", ") + "\n"
        }
        if report.documentsInReview > 0 { text += "documents in review: \(report.documentsInReview)\n" }
        if !report.unprocessed.isEmpty {
            text += "not processed, excepted from any release (their paper is in no record):\n"
                + report.unprocessed.map { "  - \(PlainText.line($0.path)): \(PlainText.line($0.reason))\n" }.joined()
        }
        text += "\nverdict: \(report.verdict.rawValue): \(report.verdictReason)\n"
        if let release = report.release {
            text += "paper released for destruction by \(release.by) \(release.at)\(release.reason.map { ": \($0)" } ?? "")\n"
        } else if report.blockers.isEmpty {
            text += "the paper may be released: scanctl qa release --batch \(report.batch.prefix(8))\n"
        } else {
            text += "release refused while:\n" + report.blockers.map { "  - \($0)\n" }.joined()
        }
        return text
    }
}
