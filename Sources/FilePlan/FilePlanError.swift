/// The one error type of FilePlan: everything wrong with a plan file (or a CSV to import),
/// each problem with a stable code, the line and the node it concerns.
public struct FilePlanError: Error, Sendable, CustomStringConvertible {
    /// Stable identifiers of the kinds of problem.
    public enum Code: String, Sendable, CaseIterable {
        /// The file cannot be read.
        case unreadableFile = "unreadable-file"
        /// The YAML itself is malformed.
        case invalidYAML = "invalid-yaml"
        /// A key the format does not know (often a typo, e.g. `retension`).
        case unknownKey = "unknown-key"
        /// A required key (code, title, nodes) is missing.
        case missingKey = "missing-key"
        /// A value of the wrong form (e.g. `retention: ten`, `disposal: X`, a bad date).
        case invalidValue = "invalid-value"
        /// Two nodes have the same code (compared digit by digit: `63.2` and `632` are the same).
        case duplicateCode = "duplicate-code"
        /// A child's code does not start with its parent's code.
        case codeNotNested = "code-not-nested"
        /// A node has no retention, neither its own nor inherited.
        case missingRetention = "missing-retention"
        /// A node has no disposal code, neither its own nor inherited.
        case missingDisposal = "missing-disposal"
        /// The CSV to import is malformed.
        case invalidCSV = "invalid-csv"
        /// A code was asked for that the plan does not have.
        case unknownCode = "unknown-code"
    }

    /// One thing wrong, where it is.
    public struct Problem: Sendable, CustomStringConvertible, Equatable {
        public var code: Code
        /// One-based line in the file, when known.
        public var line: Int?
        /// The plan code of the node concerned, when known.
        public var node: String?
        public var reason: String

        public init(_ code: Code, line: Int? = nil, node: String? = nil, _ reason: String) {
            self.code = code
            self.line = line
            self.node = node
            self.reason = reason
        }

        /// `line 12: node 632: reason [code]`.
        public var description: String {
            var parts: [String] = []
            if let line { parts.append("line \(line)") }
            if let node { parts.append("node \(node)") }
            parts.append(reason)
            return parts.joined(separator: ": ") + " [\(code.rawValue)]"
        }
    }

    /// The file concerned.
    public var file: String
    /// Everything found wrong, in file order.
    public var problems: [Problem]

    public init(file: String, problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    public init(file: String, _ problem: Problem) {
        self.init(file: file, problems: [problem])
    }

    /// One line per problem: `file:line: node 632: reason [code]`.
    public var description: String {
        problems.map { problem in
            let location = problem.line.map { "\(file):\($0)" } ?? file
            let node = problem.node.map { "node \($0): " } ?? ""
            return "\(location): \(node)\(problem.reason) [\(problem.code.rawValue)]"
        }.joined(separator: "\n")
    }
}
