import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Review {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one document: placement, candidates with probabilities and evidence, text, PDF, history.")

        @Argument(help: ArgumentHelp("The document id or its first characters (at least 4).", valueName: "id"))
        var document: String

        @Flag(help: "Print the whole recognised text, not only its start.")
        var text = false

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let detail = try await ReviewContext.reporting {
                let id = try await workspace.documentIDs([document])[0]
                return try await workspace.reviewDetail(id, excerpt: text ? nil : 700)
            }
            if output.json {
                PlanJSON.print(detail)
                return
            }
            StandardOutput.write(Self.text(detail))
        }

        /// For review events, what changed and why, in one line.
        static func reviewSummary(_ event: AuditEvent) -> String {
            guard let change = event.reviewChange else { return "" }
            let (from, to, reason) = (change.from ?? "-", change.to, change.reason)
            return ": \(from) → \(to)" + (reason.map { " (\($0))" } ?? "")
        }

        static func text(_ detail: ReviewDetail) -> String {
            let item = detail.item
            let metadata = detail.metadata
            let provisional = item.state == "needs-review" ? " (provisional)"
                : item.state == "discarded" ? " (before it was discarded as nicht aktenrelevant: never exported)" : ""
            var fields: [(String, String)] = [
                ("Source", "\(item.source) (batch \(item.batch.prefix(8)), \(metadata.pagesInRecord) page(s) in the record)"),
                ("Filed under", (metadata.plan.path.last ?? "no plan node yet: no main group reached its threshold") + provisional),
            ]
            if let suggestion = item.suggestion {
                fields.append(("Suggestion", "\(suggestion.code) \(suggestion.title), probability \(String(format: "%.2f", suggestion.probability))"))
            }
            if let reason = item.reviewReason, item.state == "needs-review" {
                // The thresholds explain an unsure classification only, not a rescan or a marking.
                let thresholds = metadata.classification.thresholds.map { String(format: "%.2f", $0) }.joined(separator: ", ")
                let explained = reason.contains("not sure at level")
                    ? " (the probability needed per level, main group first: \(thresholds); scanctl run --thresholds sets them)" : ""
                fields.append(("In review because", reason + explained))
            }
            if let pending = item.pending {
                fields.append(("Awaiting approval", "\(pending.fromCode ?? "-") → \(pending.toCode), requested by \(pending.requestedBy) "
                               + "at \(pending.requestedAt): \(pending.reason) (four eyes: \(pending.rule))"))
            }
            if let review = metadata.review {
                let approved = review.approvedBy.map { ", approved by \($0)" } ?? ""
                fields.append(("Last review", "\(review.decision) by \(review.reviewer)\(approved) at \(review.time): "
                               + "\(review.previousCode ?? "-") → \(review.code)" + (review.reason.map { " (\($0))" } ?? "")))
            }
            fields.append(("Schutzbedarf", metadata.schutzbedarf))
            if let retention = metadata.retention {
                fields.append(("Retention", "\(retention), disposal \(metadata.disposal ?? "-")"))
            }
            if !metadata.aktenzeichen.isEmpty { fields.append(("Aktenzeichen", metadata.aktenzeichen.joined(separator: ", "))) }
            fields.append(("PDF", detail.pdfPath))

            var lines = ["Document \(item.document) (\(item.state))"]
            let width = fields.map(\.0.count).max() ?? 0
            lines += fields.map { "  \($0.0.padding(toLength: width, withPad: " ", startingAt: 0))  \(PlainText.line($0.1))" }
            lines.append("")
            lines.append("Candidates (probability; evidence):")
            for candidate in metadata.classification.candidates {
                let indent = String(repeating: "  ", count: candidate.level)
                let evidence = candidate.evidence.prefix(4).joined(separator: "; ")
                lines.append("\(indent)\(candidate.code) \(candidate.title)  \(String(format: "%.2f", candidate.probability))"
                             + (evidence.isEmpty ? "" : "; \(evidence)"))
            }
            lines.append("")
            lines.append(detail.textIsExcerpt ? "Text (start; --text prints all):" : "Text:")
            lines += detail.textExcerpt.split(separator: "\n", omittingEmptySubsequences: true)
                .prefix(detail.textIsExcerpt ? 15 : Int.max).map { "  \($0)" }
            lines.append("")
            lines.append("History:")
            for event in detail.history {
                let who = event.actorVersion.map { "\(event.actorName) \($0)" } ?? event.actorName
                lines.append("  \(event.sequence)  \(event.time)  \(event.action)  \(who)" + reviewSummary(event))
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
