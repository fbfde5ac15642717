import Foundation
import ScanPipeline

/// The end-of-run summary for people: counts, then one line per document.
enum RunReport {
    /// `selection`: the options that name the workspace again (`--workspace DIR`, or a shared
    /// one's `--database … --store …`).
    static func text(_ summary: RunSummary, workspace: String, selection: String? = nil) -> String {
        var lines: [String] = []
        lines.append(String(format: "Batch %@: %d document(s), %d page(s) (%d blank) in %.1f s, %.2f pages/s",
                            String(summary.batch.prefix(8)), summary.documents.count, summary.pages, summary.blankPages,
                            summary.seconds, summary.pagesPerSecond))
        lines.append("  filed automatically  \(summary.filed)")
        lines.append("  needs review         \(summary.needsReview)")
        lines.append("  quarantined          \(summary.quarantined)")
        lines.append("  duplicates           \(summary.duplicates)")
        if summary.queued > 0 { lines.append("  queued for workers   \(summary.queued) (scanctl worker on any host processes them)") }
        if summary.retried > 0 { lines.append("  retried              \(summary.retried) (quarantined before, run again)") }
        if summary.resumed > 0 { lines.append("  resumed              \(summary.resumed) (from an interrupted run)") }
        if summary.quarantinedBeforeResume > 0 {
            lines.append("                       (\(summary.quarantinedBeforeResume) of the quarantined before the interruption)")
        }
        if !summary.skipped.isEmpty {
            lines.append("  not processed        \(summary.skipped.count) (named below)")
        }
        if !summary.documents.isEmpty {
            lines.append("")
            for outcome in summary.documents {
                let state = outcome.state.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                let plan = (outcome.planCode.map { "\($0) \(outcome.planTitle ?? "")" } ?? "—")
                var line = "\(state) \(PlainText.line(outcome.source))  →  \(PlainText.line(plan))"
                if let note = outcome.note { line += "  (\(PlainText.line(note)))" }
                lines.append(line)
            }
        }
        if !summary.skipped.isEmpty {
            lines.append("")
            for entry in summary.skipped {
                lines.append("skipped       \(PlainText.line(entry.path))  (\(PlainText.line(entry.reason)) [\(entry.code.rawValue)])")
            }
        }
        lines.append("")
        lines.append("Records: \(workspace)/records/<id>/ (document.pdf, metadata.json); quarantine: \(workspace)/quarantine/")
        lines.append("Audit trail: scanctl audit log \(selection ?? "--workspace \(workspace)")")
        return lines.joined(separator: "\n") + "\n"
    }
}
