import Foundation

/// How the layers' findings become one calibrated probability per candidate: a conditional logit
/// over the siblings at a level of the plan,
///
///     P(node | parent) = exp(w · f(node)) / Σ siblings exp(w · f(sibling)),
///
/// with four features per candidate: ln(1 + plan evidence), its share of the siblings' evidence,
/// whether an Aktenzeichen in the text points into the node, and the statistical layer's
/// log-probability (renormalised among the siblings; 0 without a model). The weights are fitted by
/// maximum likelihood on documents the statistical layer did not see in training (cross-fitting),
/// which is what makes the probabilities calibrated rather than merely ranked. No per-class bias:
/// how often a town files under a group does not carry over to another town.
struct LayerCombination: Sendable, Codable, Equatable {
    /// One training case: the feature vectors of the siblings and which one was right.
    struct Example: Sendable {
        var candidates: [[Double]]
        var answer: Int
        /// How much the case counts in fitting (a town's own documents more, see ModelTrainer).
        var weight: Double = 1
    }

    static let featureNames = ["plan evidence", "plan evidence share", "Aktenzeichen", "statistical log-probability"]

    var weights: [Double]

    init(weights: [Double]) { self.weights = weights }

    /// Weights for the plan layers alone, used before any model is trained: fitted with
    /// `scanctl train` on ../shared/corpus/classify-dev (511 letters from five municipalities)
    /// against fileplans/lindenau-kgst.yaml, and kept here so that a new installation's
    /// probabilities mean something. A trained model carries its own.
    static let planOnlyDefault = LayerCombination(weights: [2.23, 2.39, 0.63, 0])

    /// The features of one candidate. `statistical` is the renormalised probability from the
    /// statistical layer, nil without one.
    static func features(score: Double, siblingsTotal: Double, referenced: Bool, statistical: Double?) -> [Double] {
        [log(1 + score), siblingsTotal > 0 ? score / siblingsTotal : 0, referenced ? 1 : 0,
         statistical.map { log(max($0, 1e-6)) } ?? 0]
    }

    /// The probability of each candidate; they sum to 1.
    func probabilities(_ candidates: [[Double]]) -> [Double] {
        var logits = candidates.map { zip($0, weights).reduce(0) { $0 + $1.0 * $1.1 } }
        SoftmaxRegression.softmax(&logits)
        return logits
    }

    /// Fits the weights to `examples` by maximum likelihood with a small L2 penalty, full batch
    /// (Adam, fixed order: deterministic). `fixed` features keep weight 0 (the statistical one,
    /// when fitting the plan layers alone).
    init(fitting examples: [Example], without fixed: Set<Int> = [], iterations: Int = 400) {
        let count = Self.featureNames.count
        var weights = [Double](repeating: 0, count: count)
        var moment = weights
        var velocity = weights
        let (beta1, beta2, rate, l2) = (0.9, 0.999, 0.05, 1e-3)
        let usable = examples.filter { $0.candidates.count > 1 }
        guard !usable.isEmpty else {
            self.weights = Self.planOnlyDefault.weights
            return
        }
        let totalWeight = usable.reduce(0) { $0 + $1.weight }
        let current = LayerCombination(weights: weights)
        var model = current
        for step in 1...iterations {
            var gradient = weights.map { l2 * $0 }
            for example in usable {
                let scale = example.weight / totalWeight
                let probabilities = model.probabilities(example.candidates)
                for (index, candidate) in example.candidates.enumerated() {
                    let residual = probabilities[index] - (index == example.answer ? 1 : 0)
                    for feature in 0..<count { gradient[feature] += residual * candidate[feature] * scale }
                }
            }
            let correction1 = 1 - pow(beta1, Double(step))
            let correction2 = 1 - pow(beta2, Double(step))
            for feature in 0..<count where !fixed.contains(feature) {
                moment[feature] = beta1 * moment[feature] + (1 - beta1) * gradient[feature]
                velocity[feature] = beta2 * velocity[feature] + (1 - beta2) * gradient[feature] * gradient[feature]
                weights[feature] -= rate * sqrt(correction2) / correction1 * moment[feature] / (sqrt(velocity[feature]) + 1e-8)
            }
            model = LayerCombination(weights: weights)
        }
        self.weights = weights
    }
}
