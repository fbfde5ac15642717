/// A municipality's file plan (Aktenplan): an immutable tree of ``PlanNode``s, identified by its id
/// and a content hash, so that every classification can name the exact plan version it used.
public struct FilePlan: Sendable {
    /// A short identifier, e.g. `lindenau-kgst`.
    public let id: String
    /// The plan's name for people.
    public let name: String
    /// When the plan took effect.
    public let validFrom: PlanDate?
    /// Defaults set for the whole plan, inherited by main groups that set nothing.
    public let defaults: PlanNode.Attributes
    /// The main groups' codes, in plan order.
    public let roots: [PlanCode]
    /// Every node by its digit key.
    private let nodesByKey: [String: PlanNode]
    /// Every node's code in plan order (depth first).
    public let order: [PlanCode]
    /// SHA-256 of the plan's canonical content (hex): the plan's version. Comments, formatting and
    /// key order in the file do not change it; any change of a node does.
    public let contentHash: String

    init(id: String, name: String, validFrom: PlanDate?, defaults: PlanNode.Attributes,
         roots: [PlanCode], nodes: [PlanNode]) {
        self.id = id
        self.name = name
        self.validFrom = validFrom
        self.defaults = defaults
        self.roots = roots
        self.order = nodes.map(\.code)
        self.nodesByKey = Dictionary(nodes.map { ($0.code.key, $0) }, uniquingKeysWith: { first, _ in first })
        self.contentHash = PlanCanonicalForm(id: id, name: name, validFrom: validFrom, defaults: defaults, nodes: nodes).sha256()
    }

    /// A short form of the version for display: `id@` and the first 12 hex digits of the hash.
    public var version: String { "\(id)@\(contentHash.prefix(12))" }

    /// All nodes in plan order.
    public var nodes: [PlanNode] { order.compactMap { nodesByKey[$0.key] } }

    /// The number of nodes.
    public var count: Int { order.count }

    /// The node with this code (written in any of its forms: `63.2`, `632`).
    public func node(_ code: PlanCode) -> PlanNode? { nodesByKey[code.key] }

    /// The node with this code as text; nil when the text is not a code or no node has it.
    public func node(code text: String) -> PlanNode? { PlanCode(text).flatMap(node) }

    /// The parent of a node; nil for a main group.
    public func parent(of node: PlanNode) -> PlanNode? { node.parent.flatMap(self.node) }

    /// The children of a node, in plan order.
    public func children(of node: PlanNode) -> [PlanNode] { node.children.compactMap(self.node) }

    /// The path from the main group down to the node (inclusive).
    public func path(to node: PlanNode) -> [PlanNode] {
        var path = [node]
        var current = node
        while let parent = parent(of: current) {
            path.insert(parent, at: 0)
            current = parent
        }
        return path
    }

    /// The deepest node whose code the given code starts with: the node itself when it exists,
    /// otherwise its nearest existing ancestor (`632.99` → `632` when there is no `632.99`).
    public func deepestNode(matching code: PlanCode) -> PlanNode? {
        var key = code.key
        while !key.isEmpty {
            if let node = nodesByKey[key] { return node }
            key.removeLast()
        }
        return nil
    }

    /// The number of nodes on each level (1 = Hauptgruppen, 2 = Gruppen, 3 = Untergruppen, ...).
    public var countsPerLevel: [Int: Int] {
        nodesByKey.values.reduce(into: [:]) { counts, node in counts[node.level, default: 0] += 1 }
    }
}
