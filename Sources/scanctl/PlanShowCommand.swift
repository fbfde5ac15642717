import ArgumentParser
import FilePlan
import Foundation

extension ScanCtl.Plan {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the plan, or the part under a code, as a tree with retention, disposal and Schutzbedarf.",
            discussion: "Retention and disposal are the effective values after inheritance.")

        @Argument(help: "Show only this node and what lies under it (e.g. 63 or 63.2).")
        var code: String?

        @Option(help: "Show this many levels (default: all).")
        var depth: Int?

        @OptionGroup var selection: PlanSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            if let depth, depth < 1 { throw ValidationError("--depth must be at least 1") }
        }

        func run() throws {
            let plan = try PlanLoading.load(selection.path)
            let starts: [PlanNode]
            if let code {
                guard let node = plan.node(code: code) else {
                    Terminal.error("the plan \(plan.id) has no node \(code); try: scanctl plan search \(code)")
                    throw ExitStatus.unusable.code
                }
                starts = [node]
            } else {
                starts = plan.roots.compactMap(plan.node)
            }
            let maximumLevel = depth.map { (starts.first?.level ?? 1) + $0 - 1 } ?? Int.max

            if output.json {
                func json(_ node: PlanNode) -> NodeJSON {
                    let children = node.level < maximumLevel ? plan.children(of: node).map(json) : nil
                    return NodeJSON(node, children: children)
                }
                PlanJSON.print(starts.map(json))
                return
            }
            var lines: [String] = []
            func draw(_ node: PlanNode, prefix: String, connector: String) {
                let attributes = [
                    node.retention.map { "\($0)" } ?? "—",
                    node.disposal?.rawValue ?? "—",
                    node.schutzbedarf == .normal ? "" : "Schutzbedarf \(node.schutzbedarf)",
                    node.closed ? "closed" : "",
                ].filter { !$0.isEmpty }.joined(separator: " · ")
                let label = "\(prefix)\(connector)\(node.code.written)  \(node.title)"
                lines.append(label.padding(toLength: max(label.count, 64), withPad: " ", startingAt: 0) + "  " + attributes)
                guard node.level < maximumLevel else { return }
                let children = plan.children(of: node)
                let childPrefix = prefix + (connector == "├─ " ? "│  " : connector.isEmpty ? "" : "   ")
                for (index, child) in children.enumerated() {
                    draw(child, prefix: childPrefix, connector: index == children.count - 1 ? "└─ " : "├─ ")
                }
            }
            for node in starts { draw(node, prefix: "", connector: "") }
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}

/// Loads the plan in use, printing its problems and exiting with 1 when it is not valid.
enum PlanLoading {
    static func load(_ path: String, failing status: ExitStatus = .refused) throws -> FilePlan {
        do {
            return try FilePlanLoader().load(path: path)
        } catch let error as FilePlanError {
            Terminal.error("\(path) is not a valid file plan; run: scanctl plan validate \(path)")
            Terminal.write(error.description)
            throw status.code
        }
    }
}
