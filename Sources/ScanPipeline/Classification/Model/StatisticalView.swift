import FilePlan
import Foundation

/// One document as the statistical layer sees it: its TF-IDF vector and the class probabilities
/// at each level the model was trained for.
struct StatisticalView: Sendable {
    let model: ClassificationModel
    let vector: SparseVector
    /// Per level: class code → probability.
    private let probabilities: [Int: [String: Double]]

    /// The document's terms, when the view was made from its text (the relevance layer reads them too).
    private(set) var terms: [String]?

    init(model: ClassificationModel, text: String) {
        let terms = GermanText.terms(text)
        let features = model.vectorizer.characterGrams ? GermanText.characterGrams(text) + terms : terms
        self.init(model: model, vector: model.vectorizer.vector(features))
        self.terms = terms
    }

    init(model: ClassificationModel, vector: SparseVector) {
        self.model = model
        self.vector = vector
        var probabilities: [Int: [String: Double]] = [:]
        for level in model.levels {
            // Without the training offices' class frequencies: see SoftmaxRegression.probabilities.
            let values = level.regression.probabilities(vector, includingPrior: false)
            probabilities[level.level] = Dictionary(uniqueKeysWithValues: zip(level.regression.classes, values))
        }
        self.probabilities = probabilities
    }

    /// The model's probabilities for `options` (siblings), renormalised to sum to 1 among them.
    /// A sibling the model never saw in training gets a small floor rather than zero.
    func shares(of options: [PlanNode], level: Int) -> [Double]? {
        guard let known = probabilities[level] else { return nil }
        let floor = 1e-4
        let raw = options.map { max(known[$0.code.written] ?? 0, floor) }
        let sum = raw.reduce(0, +)
        return raw.map { $0 / sum }
    }

    /// The terms that spoke most for `node`: `term bauantrag +0.41`.
    func evidence(for node: PlanNode, limit: Int = 4) -> [String] {
        guard let level = model.level(node.level), let classIndex = level.regression.classes.firstIndex(of: node.code.written)
        else { return [] }
        return level.regression.strongestFeatures(vector, classIndex: classIndex, limit: limit).map {
            String(format: "%@ +%.2f", model.vectorizer.display(at: $0.feature), $0.contribution)
        }
    }
}
