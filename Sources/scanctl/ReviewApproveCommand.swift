import ArgumentParser
import ScanPipeline

extension ScanCtl.Review {
    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a change waiting for a second reviewer (four eyes): it takes effect.",
            discussion: "The approving reviewer must not be the one who asked for the change. Exit codes: 0 approved, "
                + "1 refused (nothing waiting, same reviewer), 2 the workspace or plan cannot be used.")

        @Argument(help: ArgumentHelp("The document id or its first characters.", valueName: "id"))
        var document: String

        @Option(help: ArgumentHelp("A note for the audit trail (optional).", valueName: "text"))
        var reason: String?

        @OptionGroup var identity: IdentityOption
        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await ReviewDecision.decideWaitingChange(document, identity: identity, plan: planSelection,
                                                         workspace: workspace, json: output.json) { workspace, id, session in
                try await workspace.approve(id, reason: reason, session: session)
            }
        }
    }
}
