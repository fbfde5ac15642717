/// A classifier's result for one document: candidates at every level of the plan and the decision.
public struct Classification: Sendable, Equatable, Codable {
    /// Filed automatically, or filed provisionally and queued for a records manager.
    public enum Decision: String, Sendable, Codable {
        case filed
        case needsReview = "needs-review"
    }

    /// The classifier and its version.
    public var classifier: String
    public var classifierVersion: String
    /// The plan's id and version (content hash) the candidates refer to.
    public var planVersion: String
    /// The best candidates per level, best first (level 1 first).
    public var candidates: [ClassificationCandidate]
    /// The node the document is filed under: the deepest level whose best candidate reached the
    /// threshold; nil when not even a main group did.
    public var filedUnder: ClassificationCandidate?
    public var decision: Decision
    /// The confidence a candidate needs at each level.
    public var threshold: Double
    /// Why the document needs review, in plain words; nil when filed.
    public var reviewReason: String?
    /// Aktenzeichen found in the text.
    public var references: [String]

    public init(classifier: String, classifierVersion: String, planVersion: String, candidates: [ClassificationCandidate],
                filedUnder: ClassificationCandidate?, decision: Decision, threshold: Double, reviewReason: String?,
                references: [String]) {
        self.classifier = classifier
        self.classifierVersion = classifierVersion
        self.planVersion = planVersion
        self.candidates = candidates
        self.filedUnder = filedUnder
        self.decision = decision
        self.threshold = threshold
        self.reviewReason = reviewReason
        self.references = references
    }
}
