/// A plan as it is written in a file: nodes nested, only the attributes each node declares.
/// The form in which plans are imported (from CSV) and written (as YAML).
public struct PlanDocument: Sendable, Equatable {
    public var id: String
    public var name: String
    public var validFrom: PlanDate?
    public var defaults: PlanNode.Attributes
    public var nodes: [Node]

    public struct Node: Sendable, Equatable {
        public var code: String
        public var title: String
        public var description: String?
        public var keywords: [String] = []
        public var declared = PlanNode.Attributes()
        public var validFrom: PlanDate?
        public var validUntil: PlanDate?
        public var closed = false
        public var children: [Node] = []
    }
}

extension PlanDocument {
    /// The document form of a loaded plan (what its file declares, without inherited values).
    public init(_ plan: FilePlan) {
        func document(_ node: PlanNode) -> Node {
            Node(code: node.code.written, title: node.title, description: node.description, keywords: node.keywords,
                 declared: node.declared, validFrom: node.validFrom, validUntil: node.validUntil, closed: node.closed,
                 children: plan.children(of: node).map(document))
        }
        self.init(id: plan.id, name: plan.name, validFrom: plan.validFrom, defaults: plan.defaults,
                  nodes: plan.roots.compactMap(plan.node).map(document))
    }
}
