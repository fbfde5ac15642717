import Foundation

/// A baseline built the way Paperless-ngx classifies (its `classifier.py`): word 1–2-gram counts
/// (lowercased, stop words removed, stemmed, as Paperless does with NLTK), terms in at least 1 % of
/// the documents, a linear softmax model on the raw counts, and always the argmax: no threshold,
/// no "not sure". Only for `scanctl eval`, to show what the layered classifier is measured against.
struct PaperlessBaseline: Sendable {
    private let vectorizer: TermVectorizer
    private let regression: SoftmaxRegression

    /// Trains on documents labelled with their main group (`0`–`9`).
    init(training documents: [(text: String, mainGroup: String)]) {
        let terms = documents.map { GermanText.terms($0.text, splittingCompounds: false) }
        let minimum = max(1, Int((Double(documents.count) * 0.01).rounded(.up)))
        vectorizer = TermVectorizer(fitting: terms, weighting: .counts, ngrams: 2, minimumDocuments: minimum)
        let classes = Set(documents.map(\.mainGroup)).sorted()
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        regression = SoftmaxRegression(classes: classes, featureCount: vectorizer.count, vectors: vectorizer.vectors(terms),
                                       labels: documents.map { index[$0.mainGroup] ?? 0 },
                                       parameters: .init(l2: 1e-4, iterations: 120, learningRate: 0.05))
    }

    /// The predicted main group and the model's probability for it.
    func predict(_ text: String) -> (mainGroup: String, probability: Double) {
        let probabilities = regression.probabilities(vectorizer.vector(GermanText.terms(text, splittingCompounds: false)))
        guard let best = probabilities.indices.max(by: { probabilities[$0] < probabilities[$1] }) else { return ("-", 0) }
        return (regression.classes[best], probabilities[best])
    }
}
