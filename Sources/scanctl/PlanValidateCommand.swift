import ArgumentParser
import FilePlan
import Foundation

extension ScanCtl.Plan {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a plan file and print its node counts per level and its version.",
            discussion: """
                Checks: YAML syntax, unknown keys, unique codes, every code nested under its parent's code, \
                retention and disposal on every leaf after inheritance, valid values and dates. Every problem is \
                printed with file, line and node.
                """)

        @Argument(help: "The plan file (default: the plan in use).", completion: .file(extensions: ["yaml", "yml"]))
        var file: String?

        @OptionGroup var output: JSONFlag

        func run() throws {
            let path = PlanLocator.resolve(file)
            let plan: FilePlan
            do {
                plan = try FilePlanLoader().load(path: path)
            } catch let error as FilePlanError {
                if output.json {
                    PlanJSON.print(ValidationJSON(file: path, valid: false, problems: error.problems.map(ProblemJSON.init)))
                } else {
                    Terminal.error("\(path) is not a valid file plan (\(error.problems.count) problem(s)):")
                    Terminal.write(error.description)
                }
                throw ExitStatus.refused.code
            }
            let counts = plan.countsPerLevel
            if output.json {
                var result = ValidationJSON(file: path, valid: true, problems: [])
                result.plan = PlanSummaryJSON(plan)
                PlanJSON.print(result)
                return
            }
            var lines = [
                "\(path): valid",
                "Plan:     \(plan.name) (\(plan.id))",
                "Version:  \(plan.version)  sha256 \(plan.contentHash)",
                "Nodes per level:",
            ]
            for level in counts.keys.sorted() {
                lines.append("  " + "\(PlanNode.levelName(level)) (level \(level))".padding(toLength: 26, withPad: " ", startingAt: 0)
                             + String(counts[level] ?? 0).leftPadded(to: 5))
            }
            lines.append("  " + "total".padding(toLength: 26, withPad: " ", startingAt: 0) + String(plan.count).leftPadded(to: 5))
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}

struct ValidationJSON: Encodable {
    var file: String
    var valid: Bool
    var problems: [ProblemJSON]
    var plan: PlanSummaryJSON?
}

struct ProblemJSON: Encodable {
    var code: String
    var line: Int?
    var node: String?
    var reason: String

    init(_ problem: FilePlanError.Problem) {
        code = problem.code.rawValue
        line = problem.line
        node = problem.node
        reason = problem.reason
    }
}

struct PlanSummaryJSON: Encodable {
    var id: String
    var name: String
    var version: String
    var sha256: String
    var nodes: Int
    var countsPerLevel: [String: Int]

    init(_ plan: FilePlan) {
        id = plan.id
        name = plan.name
        version = plan.version
        sha256 = plan.contentHash
        nodes = plan.count
        countsPerLevel = Dictionary(uniqueKeysWithValues: plan.countsPerLevel.map { (String($0.key), $0.value) })
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
