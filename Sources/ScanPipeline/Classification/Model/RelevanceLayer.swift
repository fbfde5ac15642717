/// Whether a document is a record at all: learned from the documents reviews discarded as nicht
/// aktenrelevant (advertising, receipts of no record value, duplicates) against those they filed.
/// A logistic regression over the town's own terms, classes balanced (discards are few). It only
/// ever sends a document to review with its probability and the terms that spoke: discarding
/// stays a person's decision.
struct RelevanceLayer: Sendable, Codable, Equatable {
    var vectorizer: TermVectorizer
    /// Classes `[aktenrelevant, nicht-aktenrelevant]`.
    var regression: SoftmaxRegression

    /// Discarded documents needed before the layer is trained.
    static let minimumDiscarded = 5
    /// From this probability on a document goes to review as possibly not a record.
    static let reviewThreshold = 0.5
    static let classes = ["aktenrelevant", TrainingDocument.notRecordRelevantCode]

    /// Trained from the terms of filed (`relevant`) and discarded documents; nil with too few discards.
    init?(relevant: [[String]], discarded: [[String]], parameters: SoftmaxRegression.Parameters) {
        guard discarded.count >= Self.minimumDiscarded, !relevant.isEmpty else { return nil }
        let documents = relevant + discarded
        vectorizer = TermVectorizer(fitting: documents, weighting: .tfidf, ngrams: 1, minimumDocuments: 2, maximumShare: 0.9)
        let labels = relevant.map { _ in 0 } + discarded.map { _ in 1 }
        // Balanced: each class weighs as much as the other in total.
        let weights = relevant.map { _ in Double(documents.count) / (2 * Double(relevant.count)) }
            + discarded.map { _ in Double(documents.count) / (2 * Double(discarded.count)) }
        regression = SoftmaxRegression(classes: Self.classes, featureCount: vectorizer.count, vectors: vectorizer.vectors(documents),
                                       labels: labels, sampleWeights: weights, parameters: parameters)
    }

    /// The probability that the document with these terms is not a record, and the terms that said so.
    func assess(_ terms: [String]) -> (probability: Double, evidence: [String]) {
        let vector = vectorizer.vector(terms)
        let probability = regression.probabilities(vector)[1]
        let evidence = regression.strongestFeatures(vector, classIndex: 1, limit: 4).map {
            "term \(vectorizer.term(at: $0.feature))"
        }
        return (probability, evidence)
    }

    var isConsistent: Bool { regression.isConsistent && regression.featureCount == vectorizer.count }
}
