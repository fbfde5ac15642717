import ArgumentParser
import Foundation
import Logging
import ScanPipeline

extension ScanCtl {
    struct Rescan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace pages flagged for rescan by rescanned ones, or accept a flag as it is.",
            discussion: """
                scanctl rescan DOC --page 2 FILE replaces page 2 of the document by the page of FILE (with \
                --page 2,5 FILE has two pages, in that order). The new pages are recognised and checked by \
                the quality gate of the document's batch profile; the document is classified again and goes \
                to review, so that a person sees the new pages. The record (PDF/A and metadata.json) is \
                rewritten: metadata.json keeps every rescan (rescans: flagged, replaced, old and new page \
                hashes, who, when, why), the audit trail has document.rescanned with the same.
                scanctl rescan DOC --page 2 --accept --reason TEXT resolves the flag without a new scan (the \
                page is as good as the paper), audited as document.rescan-accepted.
                A record that went to a DMS (exported) keeps its pages. Acts as the scanctl user mapped to \
                your operating-system account, or --as NAME with the password on standard input.
                Exit codes: 0 done; 1 refused (unknown document, no such page, a file with another number \
                of pages, no reason); 2 the workspace cannot be used; 3 the OCR engine could not start; 64 \
                invalid arguments.
                """)

        @Argument(help: ArgumentHelp("The document id or its first characters (at least 4).", valueName: "id"))
        var document: String

        @Argument(help: ArgumentHelp("The rescanned pages, as one file (TIFF, PNG, JPEG, PDF).", valueName: "file"),
                  completion: .file())
        var file: String?

        @Option(help: ArgumentHelp("The pages to replace or accept, e.g. 2 or 2,5.", valueName: "n[,m...]"))
        var page: String

        @Flag(help: "Accept the flag of the pages as they are (needs --reason).")
        var accept = false

        @Option(help: ArgumentHelp("Why (required with --accept).", valueName: "text"))
        var reason: String?

        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var options: OCROptions
        @OptionGroup var decision: DecisionPolicyOption
        @OptionGroup var output: JSONFlag

        var pages: [Int] { page.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

        func validate() throws {
            guard !pages.isEmpty, pages.allSatisfy({ $0 >= 1 }),
                  pages.count == page.split(separator: ",").count else { throw ValidationError("--page is a page number or a list: 2 or 2,5") }
            if accept {
                guard file == nil else { throw ValidationError("--accept keeps the page: give no file") }
                guard (reason ?? "").trimmingCharacters(in: .whitespaces).count >= 3 else {
                    throw ValidationError("--accept needs --reason TEXT (at least 3 characters): why the page stays as it is")
                }
            } else if file == nil {
                throw ValidationError("give the file with the rescanned page(s), or --accept --reason TEXT")
            }
        }

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let user = try await identity.user(in: workspace)
            let plan = try PlanLoading.load(planSelection.path, failing: .unusable)
            let outcome: Workspace.RescanOutcome
            do {
                let id = try await workspace.documentIDs([document])[0]
                if accept {
                    outcome = try await workspace.acceptRescanFlags(id, pages: pages, reason: reason ?? "", by: user,
                                                                    software: ScanCtlVersion.current)
                } else {
                    var setup = RunSetup.Request(inputs: [], operatorName: user.name, workers: 1, ocr: options.ocrConfiguration,
                                                 softwareVersion: ScanCtlVersion.current)
                    setup.languagesGiven = options.languagesGiven
                    setup.policy = decision.thresholds
                    outcome = try await workspace.rescan(id, pages: pages, with: file ?? "", reason: reason, by: user, setup: setup,
                                                         plan: plan, logger: Logger(label: "scanctl"))
                }
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            if output.json {
                PlanJSON.print(outcome)
                return
            }
            var lines: [String] = []
            for page in outcome.rescan.pages {
                if let new = page.newImageSHA256 {
                    let flags = page.newFlags ?? []
                    lines.append("page \(page.number): \(page.oldImageSHA256.prefix(12)) → \(new.prefix(12))"
                                 + (flags.isEmpty ? " (passed the quality gate)" : " (still flagged: \(flags.joined(separator: "; ")))"))
                } else {
                    lines.append("page \(page.number): accepted as it is (\(page.flags.joined(separator: "; ")))")
                }
            }
            lines.append("document \(outcome.document.prefix(8)): \(outcome.previousState) → \(outcome.state); record rewritten")
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
