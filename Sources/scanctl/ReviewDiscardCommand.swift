import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Review {
    struct Discard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Discard documents that are no records at all (nicht aktenrelevant), with a reason.",
            discussion: """
                scanctl review discard ID [ID...] --reason TEXT [--as USER]
                scanctl review discard --state needs-review --below 0.3 --reason TEXT [--as USER] --dry-run

                For advertising, receipts of no record value, duplicates: the document becomes discarded \
                for good. It is never exported (export says how many it left out), review list --state \
                discarded shows it, and its record's metadata and the audit trail say who discarded it, \
                when, from where and why. Its files stay in the workspace. Documents in review and filed \
                ones can be discarded; an exported one belongs to the DMS and is disposed of there.

                Four eyes as for a change of placement (Schutzbedarf hoch or sehr-hoch, listed plan \
                nodes), unless WORKSPACE/review-policy.yaml says four_eyes: {discard: single}: then the \
                discard waits for review approve ID by another user. scanctl train --from-reviews \
                gathers discarded documents with the code nicht-aktenrelevant.

                Exit codes: 0 done, 1 refused (unknown id, exported, a change already waiting), 2 the \
                workspace, plan or review policy cannot be used, 64 invalid arguments (no reason, ids \
                and a filter together).
                """)

        @Argument(help: ArgumentHelp("Document ids (or their first characters).", valueName: "id"))
        var documents: [String] = []

        @Option(help: ArgumentHelp("Why the documents are nicht aktenrelevant (required).", valueName: "text"))
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
            guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("discarding needs a reason: --reason TEXT (why the documents are nicht aktenrelevant)")
            }
        }

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let session = try await ReviewContext.session(workspace: workspace, plan: planSelection.path, identity: identity)
            let criteria = try filter.filter()
            let outcomes = try await ReviewContext.reporting {
                let ids = documents.isEmpty
                    ? try await workspace.reviewItems(criteria).map(\.document)
                    : try await workspace.documentIDs(documents)
                return try await workspace.discard(documents: ids, reason: reason ?? "", session: session, dryRun: dryRun)
            }
            ReviewDecision.print(outcomes, dryRun: dryRun, json: output.json)
        }
    }
}
