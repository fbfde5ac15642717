import FilePlan
import Foundation

/// What the file plan itself finds in a document (layers a and b): Aktenzeichen that resolve to a
/// node, and the node's keywords and title words, each weighted by how specific it is. Scores are
/// summed up the tree, so a main group's score is everything found anywhere below it.
struct PlanEvidence: Sendable {
    /// Evidence per node, over its whole subtree.
    private(set) var subtreeScores: [PlanCode: Double] = [:]
    /// Nodes an Aktenzeichen in the text names, with their ancestors.
    private(set) var referenced: Set<PlanCode> = []
    /// The Aktenzeichen as written in the text.
    private(set) var references: [String] = []
    /// What was found at each node itself, with its weight.
    private var notes: [PlanCode: [(String, Double)]] = [:]

    init(subtreeScores: [PlanCode: Double], referenced: Set<PlanCode>, references: [String],
         notes: [PlanCode: [(String, Double)]]) {
        self.subtreeScores = subtreeScores
        self.referenced = referenced
        self.references = references
        self.notes = notes
    }

    func score(_ code: PlanCode) -> Double { subtreeScores[code] ?? 0 }

    /// The strongest findings anywhere in `node`'s subtree, for people: `keyword Bauantrag ×2`.
    func evidence(below node: PlanNode, in plan: FilePlan, limit: Int = 6) -> [String] {
        var all: [(String, Double)] = []
        var stack = [node]
        while let next = stack.popLast() {
            all += notes[next.code] ?? []
            stack += plan.children(of: next)
        }
        var seen = Set<String>()
        return all.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
            .filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }
}
