import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Review {
    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn down a change waiting for a second reviewer (its requester withdraws it the same way).",
            discussion: "Exit codes: 0 rejected, 1 refused (nothing waiting), 2 the workspace cannot be used, "
                + "64 invalid arguments (no reason of at least 3 characters).")

        @Argument(help: ArgumentHelp("The document id or its first characters.", valueName: "id"))
        var document: String

        @Option(help: ArgumentHelp("Why (required, at least 3 characters).", valueName: "text"))
        var reason: String

        @OptionGroup var identity: IdentityOption
        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            guard reason.trimmingCharacters(in: .whitespacesAndNewlines).count >= 3 else {
                throw ValidationError("a rejection needs a reason: --reason TEXT (at least 3 characters)")
            }
        }

        func run() async throws {
            try await ReviewDecision.decideWaitingChange(document, identity: identity, plan: planSelection,
                                                         workspace: workspace, json: output.json) { workspace, id, session in
                try await workspace.reject(id, reason: reason, session: session)
            }
        }
    }
}
