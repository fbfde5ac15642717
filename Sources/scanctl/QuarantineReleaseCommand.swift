import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Quarantine {
    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a quarantined file without a record, with the reason (e.g. returned to the sender).",
            discussion: """
                The kept copy stays in WORKSPACE/quarantine/; the document's state becomes released and \
                the release is audited (quarantine.released: who, old and new state, reason). The same file \
                given to scanctl run again is reported as a duplicate; quarantine retry ID still runs it.
                Exit codes: 0 released, 1 refused (unknown id, already released or retried), 2 the workspace \
                cannot be used, 64 invalid arguments (no reason of at least 3 characters).
                """)

        @Argument(help: ArgumentHelp("The document id or its first characters (at least 4).", valueName: "id"))
        var document: String

        @Option(help: ArgumentHelp("Why no record is made (required, at least 3 characters).", valueName: "text"))
        var reason: String

        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            guard reason.trimmingCharacters(in: .whitespacesAndNewlines).count >= 3 else {
                throw ValidationError("a release needs a reason: --reason TEXT (at least 3 characters)")
            }
        }

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let user = try await identity.user(in: workspace)
            let entry = try await QuarantineContext.reporting {
                let id = try await workspace.quarantineIDs([document])[0]
                return try await workspace.releaseFromQuarantine(id, reason: reason, by: user)
            }
            if output.json {
                PlanJSON.print(entry)
                return
            }
            StandardOutput.write("\(entry.id.prefix(8))  \(PlainText.line((entry.source as NSString).lastPathComponent))  released by \(user.name): "
                                 + "\(entry.closeReason ?? reason)\n")
        }
    }
}
