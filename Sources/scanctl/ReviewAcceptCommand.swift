import ArgumentParser
import ScanPipeline

extension ScanCtl.Review {
    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File documents in review under the classifier's suggestion, or confirm filed ones.",
            discussion: """
                Give document ids, or a filter (--state, --code, --below, --batch) to accept every matching \
                document; --dry-run shows what would happen. A change that needs four eyes waits for \
                review approve.

                Exit codes: 0 done, 1 refused (unknown id, nothing to accept, a change already waiting), \
                2 the workspace, plan or review policy cannot be used, 64 invalid arguments \
                (ids and a filter together).
                """)

        @Argument(help: ArgumentHelp("Document ids or their first characters.", valueName: "id"))
        var documents: [String] = []

        @Option(help: ArgumentHelp("Why (optional for accepting).", valueName: "text"))
        var reason: String?

        @Flag(help: "Show what would happen; change nothing.")
        var dryRun = false

        @OptionGroup var identity: IdentityOption
        @OptionGroup var filter: ReviewFilterOptions
        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            try ReviewDecision.validateSelection(documents: documents, filter: filter)
        }

        func run() async throws {
            try await ReviewDecision.run(.accept, documents: documents, reason: reason, dryRun: dryRun, identity: identity,
                                         filter: filter, plan: planSelection, workspace: workspace, json: output.json)
        }
    }
}
