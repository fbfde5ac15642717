import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.QA {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the visual comparison of a drawn page with its paper: in order, or a defect.",
            discussion: """
                PAGE is a drawn page as qa sample and qa status print it: the document id (or its first \
                characters) and the page number, 3fa2b1c0:2. A later check of the page supersedes this one: \
                after a defect, rescan the page (scanctl rescan DOC --page N FILE) and check it again.
                Defect kinds: \(QualityDefect.allCases.map(\.rawValue).joined(separator: ", ")).
                Exit codes: 0 recorded; 1 refused (a page in no drawn sample, released already, a role \
                without quality-check); 2 the workspace cannot be used; 64 invalid arguments.
                """)

        @Argument(help: ArgumentHelp("The drawn page, DOCUMENT:PAGE (e.g. 3fa2b1c0:2).", valueName: "page"))
        var page: String

        @Flag(help: "The page matches its paper.")
        var ok = false

        @Option(help: ArgumentHelp("What is wrong: \(QualityDefect.allCases.map(\.rawValue).joined(separator: ", ")).",
                                   valueName: "kind"))
        var defect: String?

        @Option(help: ArgumentHelp("What the comparison found (required with --defect).", valueName: "text"))
        var note: String?

        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            guard ok != (defect != nil) else { throw ValidationError("give either --ok or --defect KIND --note TEXT") }
            if let defect {
                guard QualityDefect(rawValue: defect) != nil else {
                    throw ValidationError("--defect is one of \(QualityDefect.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).count >= 3 else {
                    throw ValidationError("a defect needs --note TEXT (at least 3 characters): what is wrong on the page")
                }
            }
        }

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let user = try await identity.user(in: workspace)
            let check: QualityReport.Check
            do {
                check = try await workspace.checkQualityPage(page, outcome: ok ? .ok : .defect, defect: defect.flatMap { QualityDefect(rawValue: $0) },
                                                             note: note, by: user)
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            if output.json {
                PlanJSON.print(check)
                return
            }
            let found = check.outcome == .ok ? "in order" : "defect \(check.defect?.rawValue ?? ""): \(PlainText.line(check.note ?? ""))"
            StandardOutput.write("\(check.page.reference)  \(PlainText.line(check.page.file)) page \(check.page.filePage ?? check.page.page)  \(found)  "
                                 + "(round \(check.round), checked by \(check.checkedBy))\n")
        }
    }
}
