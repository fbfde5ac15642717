/// One possible plan node for a document, with how sure the classifier is and why.
public struct ClassificationCandidate: Sendable, Equatable, Codable {
    /// The node's code as written in the plan.
    public var code: String
    public var title: String
    /// The node's level: 1 Hauptgruppe, 2 Gruppe, 3 Untergruppe, 4 and below.
    public var level: Int
    /// Confidence in 0...1 among the alternatives at this level under the same parent.
    public var confidence: Double
    /// The evidence score behind it (references, keywords and titles found, summed over the subtree).
    public var score: Double
    /// What was found: `Aktenzeichen 63.2-0147/2026`, `keyword Bauantrag ×2`, `title word bauordnung`.
    public var evidence: [String]

    public init(code: String, title: String, level: Int, confidence: Double, score: Double, evidence: [String]) {
        self.code = code
        self.title = title
        self.level = level
        self.confidence = confidence
        self.score = score
        self.evidence = evidence
    }
}
