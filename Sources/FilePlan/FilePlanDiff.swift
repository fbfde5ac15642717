/// What changed between two versions of a plan: nodes added, removed and changed (field by field,
/// with effective retention and disposal, since that is what records under a node are kept by).
public struct FilePlanDiff: Sendable {
    public struct Change: Sendable, Equatable {
        public var field: String
        public var old: String
        public var new: String
    }

    public struct ChangedNode: Sendable {
        public var old: PlanNode
        public var new: PlanNode
        public var changes: [Change]
    }

    public var added: [PlanNode]
    public var removed: [PlanNode]
    public var changed: [ChangedNode]

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public init(old: FilePlan, new: FilePlan) {
        added = new.nodes.filter { old.node($0.code) == nil }
        removed = old.nodes.filter { new.node($0.code) == nil }
        changed = new.nodes.compactMap { node in
            guard let previous = old.node(node.code) else { return nil }
            let changes = Self.changes(from: previous, to: node)
            return changes.isEmpty ? nil : ChangedNode(old: previous, new: node, changes: changes)
        }
    }

    static func changes(from old: PlanNode, to new: PlanNode) -> [Change] {
        func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "—" }
        let fields: [(String, String, String)] = [
            ("code", old.code.written, new.code.written),
            ("title", old.title, new.title),
            ("description", text(old.description), text(new.description)),
            ("keywords", old.keywords.joined(separator: ", "), new.keywords.joined(separator: ", ")),
            ("parent", text(old.parent), text(new.parent)),
            ("retention", text(old.retention), text(new.retention)),
            ("disposal", text(old.disposal?.rawValue), text(new.disposal?.rawValue)),
            ("schutzbedarf", old.schutzbedarf.rawValue, new.schutzbedarf.rawValue),
            ("valid_from", text(old.validFrom), text(new.validFrom)),
            ("valid_until", text(old.validUntil), text(new.validUntil)),
            ("closed", String(old.closed), String(new.closed)),
        ]
        return fields.filter { $0.1 != $0.2 }.map { Change(field: $0.0, old: $0.1, new: $0.2) }
    }
}
