import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Review {
    struct Reclassify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File documents under another plan code, with a reason.",
            discussion: """
                scanctl review reclassify ID [ID...] CODE --reason TEXT [--as USER]
                scanctl review reclassify --code 4 --state needs-review CODE --reason TEXT [--as USER] --dry-run

                CODE must be a leaf of the file plan (records are filed at the lowest level) that is not \
                closed. The reason is required: it goes into the audit trail and the record. A change that \
                needs four eyes waits for review approve.

                Exit codes: 0 done, 1 refused (unknown id or code, a change already waiting), 2 the \
                workspace, plan or review policy cannot be used, 64 invalid arguments (no reason: at \
                least 3 characters; ids and a filter together).
                """)

        @Argument(help: ArgumentHelp("Document ids (or their first characters), then the plan code to file them under.",
                                     valueName: "id... code"))
        var arguments: [String] = []

        @Option(help: ArgumentHelp("Why the documents belong there (required, at least 3 characters).", valueName: "text"))
        var reason: String?

        @Flag(help: "Show what would happen; change nothing.")
        var dryRun = false

        @OptionGroup var identity: IdentityOption
        @OptionGroup var filter: ReviewFilterOptions
        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            guard !arguments.isEmpty else { throw ValidationError("give the plan code to file the documents under") }
            try ReviewDecision.validateSelection(documents: Array(arguments.dropLast()), filter: filter)
            guard let reason, reason.trimmingCharacters(in: .whitespacesAndNewlines).count >= 3 else {
                throw ValidationError("a reclassification needs a reason: --reason TEXT (why the record belongs there)")
            }
        }

        func run() async throws {
            try await ReviewDecision.run(.reclassify(to: arguments.last ?? ""), documents: Array(arguments.dropLast()),
                                         reason: reason, dryRun: dryRun, identity: identity, filter: filter,
                                         plan: planSelection, workspace: workspace, json: output.json)
        }
    }
}
