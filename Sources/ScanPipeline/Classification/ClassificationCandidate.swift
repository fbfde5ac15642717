/// One possible plan node for a document, with its probability and why.
public struct ClassificationCandidate: Sendable, Equatable, Codable {
    /// The node's code as written in the plan.
    public var code: String
    public var title: String
    /// The node's level: 1 Hauptgruppe, 2 Gruppe, 3 Untergruppe, 4 and below.
    public var level: Int
    /// The calibrated probability that the document belongs under this node (its parent's
    /// probability times its own among its siblings).
    public var probability: Double
    /// The plan evidence behind it (references, keywords and titles found, summed over the subtree).
    public var score: Double
    /// What was found: `Aktenzeichen 63.2-0147/2026`, `keyword Bauantrag ×2`, `term bauantrag +0.41`.
    public var evidence: [String]

    public init(code: String, title: String, level: Int, probability: Double, score: Double, evidence: [String]) {
        self.code = code
        self.title = title
        self.level = level
        self.probability = probability
        self.score = score
        self.evidence = evidence
    }
}
