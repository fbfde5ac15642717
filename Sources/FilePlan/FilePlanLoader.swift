import Foundation
import Yams

/// Reads a plan from YAML and validates it, collecting every problem with its line and node.
///
/// The YAML is composed into a node tree (not decoded into structs) so that each problem can name
/// the line it is on, and unknown keys (typos) are reported instead of silently ignored.
public struct FilePlanLoader: Sendable {
    public init() {}

    static let planKeys: Set<String> = ["name", "id", "valid_from", "retention", "disposal", "schutzbedarf", "nodes"]
    static let nodeKeys: Set<String> = [
        "code", "title", "description", "keywords", "retention", "disposal", "schutzbedarf",
        "valid_from", "valid_until", "closed", "children",
    ]

    /// Loads and validates the plan at `path`.
    public func load(path: String) throws -> FilePlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FilePlanError(file: path, .init(.unreadableFile, "the file does not exist or cannot be read"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FilePlanError(file: path, .init(.invalidYAML, "the file is not UTF-8 text"))
        }
        return try load(yaml: text, file: path)
    }

    /// Loads and validates a plan from YAML text; `file` names it in messages.
    public func load(yaml: String, file: String) throws -> FilePlan {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw FilePlanError(file: file, .init(.missingKey, line: 1, "the file is empty"))
            }
            root = composed
        } catch let error as YamlError {
            throw FilePlanError(file: file, Self.problem(from: error))
        }
        var builder = Builder()
        builder.read(plan: root)
        if builder.problems.isEmpty, let plan = builder.makePlan() {
            return plan
        }
        throw FilePlanError(file: file, problems: builder.problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
    }

    private static func problem(from error: YamlError) -> FilePlanError.Problem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .init(.invalidYAML, line: mark.line, "malformed YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, _):
            return .init(.invalidYAML, "a key appears twice in one mapping: \(duplicates.joined(separator: ", "))")
        default:
            return .init(.invalidYAML, "malformed YAML: \(error)")
        }
    }
}

extension FilePlanLoader {
    /// Walks the composed YAML, collecting nodes and problems.
    struct Builder {
        var problems: [FilePlanError.Problem] = []
        var nodes: [PlanNode] = []
        var roots: [PlanCode] = []
        var id = ""
        var name = ""
        var validFrom: PlanDate?
        var defaults = PlanNode.Attributes()
        private var seen: [String: (code: String, line: Int?)] = [:]

        mutating func read(plan root: Node) {
            guard let mapping = root.mapping else {
                problems.append(.init(.invalidYAML, line: root.mark?.line, "the top level must be a mapping with name, id and nodes"))
                return
            }
            reportUnknownKeys(in: mapping, allowed: FilePlanLoader.planKeys, node: nil)
            name = string(mapping["name"], key: "name", node: nil, line: root.mark?.line, required: true) ?? ""
            id = string(mapping["id"], key: "id", node: nil, line: root.mark?.line, required: true) ?? ""
            validFrom = date(mapping["valid_from"], key: "valid_from", node: nil)
            defaults = attributes(in: mapping, node: nil)
            guard let list = mapping["nodes"] else {
                problems.append(.init(.missingKey, line: root.mark?.line, "the plan has no 'nodes'"))
                return
            }
            guard let sequence = list.sequence, !sequence.isEmpty else {
                problems.append(.init(.invalidValue, line: list.mark?.line, "'nodes' must be a non-empty list of nodes"))
                return
            }
            for child in sequence {
                if let code = read(node: child, parent: nil, inherited: defaults, level: 1) { roots.append(code) }
            }
        }

        /// Reads one node and its subtree; returns its code when it has a usable one.
        private mutating func read(node yaml: Node, parent: PlanNode?, inherited: PlanNode.Attributes, level: Int) -> PlanCode? {
            let line = yaml.mark?.line
            guard let mapping = yaml.mapping else {
                problems.append(.init(.invalidValue, line: line, node: parent.map { "\($0.code)" },
                                      "a node must be a mapping with at least code and title"))
                return nil
            }
            guard let codeNode = mapping["code"], let written = codeNode.scalar?.string else {
                problems.append(.init(.missingKey, line: line, node: parent.map { "\($0.code) (a child)" }, "a node has no 'code'"))
                return nil
            }
            guard let code = PlanCode(written) else {
                problems.append(.init(.invalidValue, line: codeNode.mark?.line, node: written,
                                      "'\(written)' is not a plan code (digits, optionally separated by dots)"))
                return nil
            }
            let label = code.written
            reportUnknownKeys(in: mapping, allowed: FilePlanLoader.nodeKeys, node: label)
            if let first = seen[code.key] {
                let firstLine = first.line.map { " on line \($0)" } ?? ""
                problems.append(.init(.duplicateCode, line: line, node: label,
                                      "code \(label) is already used by node \(first.code)\(firstLine)"))
                return nil
            }
            seen[code.key] = (label, line)
            if let parent, !(code.key.hasPrefix(parent.code.key) && code.key.count > parent.code.key.count) {
                problems.append(.init(.codeNotNested, line: line, node: label,
                                      "code \(label) is not nested under its parent \(parent.code): it must start with \(parent.code.key) and be longer"))
            }
            let title = string(mapping["title"], key: "title", node: label, line: line, required: true) ?? ""
            let declared = attributes(in: mapping, node: label)
            let effective = PlanNode.Attributes(
                retention: declared.retention ?? inherited.retention,
                disposal: declared.disposal ?? inherited.disposal,
                schutzbedarf: declared.schutzbedarf ?? inherited.schutzbedarf)
            let validFrom = date(mapping["valid_from"], key: "valid_from", node: label)
            let validUntil = date(mapping["valid_until"], key: "valid_until", node: label)
            if let validFrom, let validUntil, validUntil < validFrom {
                problems.append(.init(.invalidValue, line: line, node: label, "valid_until \(validUntil) is before valid_from \(validFrom)"))
            }
            var closed = false
            if let value = mapping["closed"] {
                if let flag = value.bool { closed = flag } else {
                    problems.append(.init(.invalidValue, line: value.mark?.line, node: label, "'closed' must be true or false"))
                }
            }
            var node = PlanNode(
                code: code, title: title, description: string(mapping["description"], key: "description", node: label, line: line),
                keywords: keywords(mapping["keywords"], node: label), declared: declared,
                retention: effective.retention, disposal: effective.disposal, schutzbedarf: effective.schutzbedarf ?? .normal,
                validFrom: validFrom, validUntil: validUntil, closed: closed, parent: parent?.code, children: [],
                level: level, line: line)
            let index = nodes.count
            nodes.append(node)

            if let list = mapping["children"] {
                if let sequence = list.sequence {
                    for child in sequence {
                        if let childCode = read(node: child, parent: node, inherited: effective, level: level + 1) {
                            node.children.append(childCode)
                        }
                    }
                } else {
                    problems.append(.init(.invalidValue, line: list.mark?.line, node: label, "'children' must be a list of nodes"))
                }
            }
            if node.children.isEmpty {
                // Every leaf must say how long its records are kept and what happens to them then.
                if effective.retention == nil {
                    problems.append(.init(.missingRetention, line: line, node: label,
                                          "no retention: set 'retention' on the node, an ancestor or the plan"))
                }
                if effective.disposal == nil {
                    problems.append(.init(.missingDisposal, line: line, node: label,
                                          "no disposal code: set 'disposal' (A, B or V) on the node, an ancestor or the plan"))
                }
            }
            nodes[index] = node
            return code
        }

        func makePlan() -> FilePlan? {
            FilePlan(id: id, name: name, validFrom: validFrom, defaults: defaults, roots: roots, nodes: nodes)
        }

        // MARK: Values

        private mutating func attributes(in mapping: Node.Mapping, node: String?) -> PlanNode.Attributes {
            var attributes = PlanNode.Attributes()
            if let value = mapping["retention"] {
                if let text = value.scalar?.string, let retention = Retention(parsing: text) {
                    attributes.retention = retention
                } else {
                    problems.append(.init(.invalidValue, line: value.mark?.line, node: node,
                                          "retention must be a number of years or 'permanent', not '\(value.scalar?.string ?? "a list")'"))
                }
            }
            if let value = mapping["disposal"] {
                if let text = value.scalar?.string, let disposal = Disposal(rawValue: text.uppercased()) {
                    attributes.disposal = disposal
                } else {
                    problems.append(.init(.invalidValue, line: value.mark?.line, node: node,
                                          "disposal must be A, B or V, not '\(value.scalar?.string ?? "a list")'"))
                }
            }
            if let value = mapping["schutzbedarf"] {
                if let text = value.scalar?.string, let need = Schutzbedarf(rawValue: text.lowercased().replacingOccurrences(of: " ", with: "-")) {
                    attributes.schutzbedarf = need
                } else {
                    problems.append(.init(.invalidValue, line: value.mark?.line, node: node,
                                          "schutzbedarf must be normal, hoch or sehr-hoch, not '\(value.scalar?.string ?? "a list")'"))
                }
            }
            return attributes
        }

        private mutating func string(_ value: Node?, key: String, node: String?, line: Int?, required: Bool = false) -> String? {
            guard let value else {
                if required { problems.append(.init(.missingKey, line: line, node: node, "'\(key)' is missing")) }
                return nil
            }
            guard let text = value.scalar?.string, !text.trimmingWhitespace().isEmpty else {
                problems.append(.init(.invalidValue, line: value.mark?.line, node: node, "'\(key)' must be non-empty text"))
                return nil
            }
            return text.trimmingWhitespace()
        }

        private mutating func date(_ value: Node?, key: String, node: String?) -> PlanDate? {
            guard let value else { return nil }
            guard let text = value.scalar?.string, let date = PlanDate(text) else {
                problems.append(.init(.invalidValue, line: value.mark?.line, node: node, "'\(key)' must be a date YYYY-MM-DD"))
                return nil
            }
            return date
        }

        private mutating func keywords(_ value: Node?, node: String) -> [String] {
            guard let value else { return [] }
            guard let sequence = value.sequence else {
                problems.append(.init(.invalidValue, line: value.mark?.line, node: node, "'keywords' must be a list, e.g. [Hund, Hundesteuer]"))
                return []
            }
            return sequence.compactMap { $0.scalar?.string.trimmingWhitespace() }.filter { !$0.isEmpty }
        }

        private mutating func reportUnknownKeys(in mapping: Node.Mapping, allowed: Set<String>, node: String?) {
            for (key, _) in mapping {
                guard let name = key.scalar?.string, !allowed.contains(name) else { continue }
                let suggestion = allowed.sorted().min { editDistance($0, name) < editDistance($1, name) }
                let hint = suggestion.map { editDistance($0, name) <= 3 ? " (did you mean '\($0)'?)" : "" } ?? ""
                problems.append(.init(.unknownKey, line: key.mark?.line, node: node,
                                      "unknown key '\(name)'\(hint); known keys: \(allowed.sorted().joined(separator: ", "))"))
            }
        }
    }
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for (i, ca) in a.enumerated() {
        var current = [i + 1]
        for (j, cb) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
