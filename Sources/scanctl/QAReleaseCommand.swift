import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.QA {
    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release a batch's paper for destruction (Freigabe zur Vernichtung des Papiers).",
            discussion: """
                Allowed once per batch, to a records manager, when its sample checks passed, every defect \
                was checked in order again, no record page is flagged for rescan, no file of the batch is \
                in quarantine and its run is finished; otherwise refused with what is open. Audited as \
                qa.released (who, when, why, the rounds and their result).
                Exit codes: 0 released; 1 refused (not passed, something open, released already, a role \
                without release-paper); 2 the workspace cannot be used.
                """)

        @Option(help: ArgumentHelp("The batch id or its first characters (at least 4).", valueName: "id"))
        var batch: String

        @Option(help: ArgumentHelp("Why, or a reference (e.g. the destruction order).", valueName: "text"))
        var reason: String?

        @Option(help: ArgumentHelp("Seal the supplement to the Transfervermerk with this Ed25519 key (scanctl audit seal-key); default $SCANCTL_SEAL_KEY.",
                                   valueName: "file"))
        var sealKey: String?

        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let user = try await identity.user(in: workspace)
            let key = try SealKey.fromOption(sealKey)
            let report: QualityReport
            do {
                report = try await workspace.releasePaper(batch: try await workspace.qualityBatchID(batch), reason: reason, by: user,
                                                          sealKey: key)
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            if output.json {
                PlanJSON.print(report)
                return
            }
            StandardOutput.write("batch \(report.batch.prefix(8)): paper released for destruction by \(user.name) "
                                 + "(\(report.verdictReason))\n")
            StandardOutput.write("Supplement to the Transfervermerk: "
                                 + workspace.nachtragFolder.appendingPathComponent("\(report.batch).txt").path
                                 + (key == nil ? " (not sealed: no --seal-key)" : " (sealed)") + "\n")
        }
    }
}
