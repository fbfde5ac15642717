import ArgumentParser
import FilePlan

extension ScanCtl.Plan {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two versions of a plan: nodes added, removed and changed.",
            discussion: """
                Nodes are matched by code (digit by digit: 63.2 and 632 are the same node). Retention and \
                disposal are compared as they take effect, after inheritance. Exit code 0 whether or not \
                there are differences.
                """)

        @Argument(help: "The old plan.", completion: .file(extensions: ["yaml", "yml"]))
        var old: String

        @Argument(help: "The new plan.", completion: .file(extensions: ["yaml", "yml"]))
        var new: String

        @OptionGroup var output: JSONFlag

        func run() throws {
            let before = try PlanLoading.load(old)
            let after = try PlanLoading.load(new)
            let diff = FilePlanDiff(old: before, new: after)
            if output.json {
                PlanJSON.print(DiffJSON(
                    old: PlanSummaryJSON(before), new: PlanSummaryJSON(after),
                    added: diff.added.map { NodeJSON($0) }, removed: diff.removed.map { NodeJSON($0) },
                    changed: diff.changed.map { ChangedJSON(code: $0.new.code.written, title: $0.new.title,
                                                            changes: $0.changes.map { ChangeJSON(field: $0.field, old: $0.old, new: $0.new) }) }))
                return
            }
            var lines = ["--- \(old)  \(before.version)", "+++ \(new)  \(after.version)"]
            for node in diff.added { lines.append("+ \(node.code.written)  \(node.title)") }
            for node in diff.removed { lines.append("- \(node.code.written)  \(node.title)") }
            for changed in diff.changed {
                lines.append("~ \(changed.new.code.written)  \(changed.new.title)")
                for change in changed.changes { lines.append("    \(change.field): \(change.old) → \(change.new)") }
            }
            lines.append("\(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed")
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}

struct DiffJSON: Encodable {
    var old: PlanSummaryJSON
    var new: PlanSummaryJSON
    var added: [NodeJSON]
    var removed: [NodeJSON]
    var changed: [ChangedJSON]
}

struct ChangedJSON: Encodable {
    var code: String
    var title: String
    var changes: [ChangeJSON]
}

struct ChangeJSON: Encodable {
    var field: String
    var old: String
    var new: String
}
