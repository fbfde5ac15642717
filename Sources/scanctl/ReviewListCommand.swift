import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Review {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List documents in review (or filed ones), with where they are filed and how sure the classifier was.",
            discussion: """
                Columns: the document id's start (enough for the other review commands), state, where it is \
                filed now, the classifier's suggestion with its probability (P), the document's \
                Schutzbedarf (moving it into a node with a higher one needs four eyes too), the scanned \
                file, and why it is in review or what waits for approval.
                """)

        @OptionGroup var filter: ReviewFilterOptions
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let filter = try self.filter.filter()
            let items = try await ReviewContext.reporting { try await workspace.reviewItems(filter) }
            if output.json {
                PlanJSON.print(items)
                return
            }
            guard !items.isEmpty else {
                StandardOutput.write("No documents match (state \(filter.states.rawValue)).\n")
                return
            }
            var rows = [["ID", "STATE", "FILED UNDER", "AKTENZEICHEN", "SUGGESTION", "P", "SCHUTZ", "SOURCE", "NOTE"]]
            for item in items {
                let note = item.pending.map { "awaiting approval: → \($0.toCode) (\($0.requestedBy))" }
                    ?? item.reviewed.map { "\($0.decision) by \($0.reviewer)" + ($0.approvedBy.map { ", approved by \($0)" } ?? "")
                        + (item.state == "discarded" ? ": \($0.reason ?? "")" : "") }
                    ?? item.reviewReason ?? ""
                rows.append([String(item.document.prefix(8)), item.state, item.planCode ?? "-", ReviewText.short(item.aktenzeichen ?? "-", 20),
                             item.suggestion.map { "\($0.code) \(ReviewText.short($0.title, 24))" } ?? "-",
                             String(format: "%.2f", item.confidence), item.schutzbedarf,
                             ReviewText.short((item.source as NSString).lastPathComponent, 32), ReviewText.short(note, 60)])
            }
            StandardOutput.write(ReviewText.table(rows) + "\(items.count) document(s)\n")
        }
    }
}
