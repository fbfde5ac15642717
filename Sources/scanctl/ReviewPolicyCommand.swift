import ArgumentParser
import FilePlan
import Foundation
import ScanPipeline

extension ScanCtl.Review {
    struct Policy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the four-eyes rules in force and where they come from.")

        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        private struct Shown: Encodable {
            var file: String
            var fromFile: Bool
            var schutzbedarf: String?
            var codes: [String]
            var discard: String
        }

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let policy = try ReviewContext.policy(of: workspace)
            let plan = try PlanLoading.load(planSelection.path, failing: .unusable)
            let file = workspace.reviewPolicyFile.path
            let fromFile = FileManager.default.fileExists(atPath: file)
            if output.json {
                PlanJSON.print(Shown(file: file, fromFile: fromFile, schutzbedarf: policy.schutzbedarf?.rawValue,
                                     codes: policy.codes.map(\.written), discard: policy.discard.rawValue))
                return
            }
            var lines = [fromFile ? "Four-eyes rules from \(file):" : "Four-eyes rules: the default (no \(file)):"]
            lines.append("  documents with Schutzbedarf " + (policy.schutzbedarf.map { "\($0.rawValue) or higher" } ?? "(none)")
                         + ", or moved to a plan node with it")
            if policy.codes.isEmpty {
                lines.append("  no listed plan nodes")
            }
            for code in policy.codes {
                lines.append("  records moved into or out of \(code.written) \(plan.node(code)?.title ?? "(not in the plan)")")
            }
            lines.append(policy.discard == .fourEyes
                ? "  discards (nicht aktenrelevant) by the same rules" : "  discards (nicht aktenrelevant) by one reviewer, always")
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
