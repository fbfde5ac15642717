/// One node of the file plan: a main group, group, subgroup or deeper level.
///
/// `declared` holds what the plan file says about the node itself; `retention`, `disposal` and
/// `schutzbedarf` are the effective values after inheritance from the ancestors and the plan.
public struct PlanNode: Sendable, Hashable {
    public var code: PlanCode
    public var title: String
    public var description: String?
    public var keywords: [String]
    /// The attributes set on this node in the plan file (nil: inherited).
    public var declared: Attributes
    /// Effective retention after inheritance; nil only on an inner node whose leaves set their own
    /// (validation guarantees it on every leaf).
    public var retention: Retention?
    /// Effective disposal after inheritance; nil only on an inner node, as for `retention`.
    public var disposal: Disposal?
    /// Effective default Schutzbedarf after inheritance.
    public var schutzbedarf: Schutzbedarf
    /// First day the node takes records (nil: since the plan's start).
    public var validFrom: PlanDate?
    /// Last day the node takes records (nil: open-ended).
    public var validUntil: PlanDate?
    /// A closed node keeps its records but takes no new ones.
    public var closed: Bool
    /// The parent's code; nil for a main group.
    public var parent: PlanCode?
    /// The children's codes, in plan order.
    public var children: [PlanCode]
    /// 1 for a main group (Hauptgruppe), 2 for a group, 3 for a subgroup, 4 and more below.
    public var level: Int
    /// Line of the node in its plan file, for messages.
    public var line: Int?

    /// Retention, disposal and Schutzbedarf as set on a node itself.
    public struct Attributes: Sendable, Hashable {
        public var retention: Retention?
        public var disposal: Disposal?
        public var schutzbedarf: Schutzbedarf?

        public init(retention: Retention? = nil, disposal: Disposal? = nil, schutzbedarf: Schutzbedarf? = nil) {
            self.retention = retention
            self.disposal = disposal
            self.schutzbedarf = schutzbedarf
        }
    }

    /// Whether the node takes new records on `date`.
    public func isOpen(on date: PlanDate) -> Bool {
        guard !closed else { return false }
        if let validFrom, date < validFrom { return false }
        if let validUntil, date > validUntil { return false }
        return true
    }

    /// The German name of the node's level in a KGSt plan.
    public var levelName: String { PlanNode.levelName(level) }

    public static func levelName(_ level: Int) -> String {
        switch level {
        case 1: "Hauptgruppe"
        case 2: "Gruppe"
        case 3: "Untergruppe"
        default: "Ebene \(level)"
        }
    }
}
