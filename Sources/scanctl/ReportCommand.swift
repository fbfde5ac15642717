import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write one HTML file a records manager opens in a browser: batches, filing, review, audit.",
            discussion: """
                The report shows: a summary (documents, pages, filed automatically, filed after review, in \
                review, quarantined), the classifier's confidence as a histogram, records per main group, \
                the documents in review with a thumbnail of their first page, quarantined files with their \
                reasons, corrections per reviewer, the batches with their Transfervermerk, and whether the \
                audit trail's chain is intact. The file is self-contained (charts are inline SVG, no \
                scripts), so it can be mailed or archived.

                Exit codes: 0 written, 2 the workspace or plan cannot be used or the file cannot be written, \
                64 invalid arguments.
                """)

        @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file"), completion: .file(extensions: ["html"]))
        var out: String

        @Option(help: ArgumentHelp("Only this batch (id or its start).", valueName: "id"))
        var batch: String?

        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var workspace: WorkspaceSelection

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let plan = try PlanLoading.load(planSelection.path, failing: .unusable)
            let report = try await ReviewContext.reporting { try await workspace.report(plan: plan, batch: batch) }
            do {
                try Data(ReportPage.html(report).utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                Terminal.error("\(out): cannot write the report: \(error.localizedDescription)")
                throw ExitStatus.unusable.code
            }
            let audit = report.audit.isIntact ? "audit trail intact" : "AUDIT TRAIL BROKEN"
            StandardOutput.write("Report written to \(out): \(report.documents) document(s), \(report.inReview) in review, "
                                 + "\(report.quarantinedCount) quarantined, \(audit)\n")
        }
    }
}
