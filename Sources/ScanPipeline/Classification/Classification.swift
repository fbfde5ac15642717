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
    /// The trained model's version (`model@…`), nil when only the plan's layers were used.
    public var model: String?
    /// The plan's id and version (content hash) the candidates refer to.
    public var planVersion: String
    /// The best candidates per level, best first (level 1 first), each with its probability.
    public var candidates: [ClassificationCandidate]
    /// The node the document is filed under: the deepest node whose probability reached the
    /// threshold of its level; nil when not even a main group did.
    public var filedUnder: ClassificationCandidate?
    public var decision: Decision
    /// The probability a candidate needs at level 1, 2, 3, ... (the last holds below).
    public var thresholds: [Double]
    /// Why the document needs review, in plain words; nil when filed.
    public var reviewReason: String?
    /// Aktenzeichen found in the text.
    public var references: [String]
    /// The probability that the document is no record at all (nicht aktenrelevant), once the
    /// model learned that from discards; nil before.
    public var notRecordRelevant: Double?

    public init(classifier: String, classifierVersion: String, model: String?, planVersion: String,
                candidates: [ClassificationCandidate], filedUnder: ClassificationCandidate?, decision: Decision,
                thresholds: [Double], reviewReason: String?, references: [String]) {
        self.classifier = classifier
        self.classifierVersion = classifierVersion
        self.model = model
        self.planVersion = planVersion
        self.candidates = candidates
        self.filedUnder = filedUnder
        self.decision = decision
        self.thresholds = thresholds
        self.reviewReason = reviewReason
        self.references = references
    }

    /// The best candidate at each level, following the best path down (whether or not confident).
    public var bestPath: [ClassificationCandidate] {
        var path: [ClassificationCandidate] = []
        for candidate in candidates where candidate.level == path.count + 1 {
            path.append(candidate)
        }
        return path
    }

    /// Sends the document to review whatever the probabilities said, keeping the provisional
    /// placement and the candidates.
    mutating func holdForReview(because reason: String) {
        if decision == .needsReview, let earlier = reviewReason {
            reviewReason = "\(reason); \(earlier)"
        } else {
            reviewReason = reason
        }
        decision = .needsReview
    }
}
