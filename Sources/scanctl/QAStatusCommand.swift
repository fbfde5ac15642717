import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.QA {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a batch's sample checks: rounds, drawn pages and their checks, what is open, the verdict.",
            discussion: """
                The verdict is the latest round's: open (no round, or pages not checked yet), passed (at most \
                C defective pages in n) or failed (more: a larger round decides). Beneath it, what still \
                stands in the way of the release: open defects, pages flagged for rescan, files in \
                quarantine. Exit codes: 0 shown (whatever the verdict); 1 unknown batch; 2 the workspace \
                cannot be used.
                """)

        @Option(help: ArgumentHelp("The batch id or its first characters (at least 4).", valueName: "id"))
        var batch: String

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let report: QualityReport
            do {
                report = try await workspace.qualityReport(batch: try await workspace.qualityBatchID(batch))
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            if output.json {
                PlanJSON.print(report)
                return
            }
            StandardOutput.write(QAText.status(report))
        }
    }
}
