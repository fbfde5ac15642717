import Foundation

/// Multinomial logistic regression on sparse vectors, L2-regularised, trained full-batch with Adam
/// in a fixed order, so that the same data gives bit-for-bit the same weights.
///
/// Chosen over a linear SVM because the layers are combined through probabilities, and over an
/// MLP because its weights say which terms made the decision (the evidence a records manager sees).
struct SoftmaxRegression: Sendable, Codable, Equatable {
    struct Parameters: Sendable, Equatable {
        /// Strength of the L2 penalty on the mean log loss.
        var l2: Double = 1e-4
        var iterations: Int = 120
        var learningRate: Double = 0.05
    }

    /// Whether the stored shapes fit together (a model file edited by hand may not).
    var isConsistent: Bool {
        classes.count > 1 && weights.count == featureCount * classes.count && bias.count == classes.count
            && weights.allSatisfy(\.isFinite) && bias.allSatisfy(\.isFinite)
    }

    /// The class labels, in the order of the weights.
    private(set) var classes: [String]
    private(set) var featureCount: Int
    /// Feature-major: the weight of feature f for class c is at f × classes.count + c.
    private(set) var weights: [Double]
    private(set) var bias: [Double]

    /// Trains on `vectors` with the class index of each in `labels`; `sampleWeights` (one per
    /// vector, default 1) make some documents count more, as a town's own reviewed documents do.
    init(classes: [String], featureCount: Int, vectors: [SparseVector], labels: [Int], sampleWeights: [Double]? = nil,
         parameters: Parameters = Parameters()) {
        precondition(vectors.count == labels.count, "one label per vector")
        precondition(sampleWeights == nil || sampleWeights?.count == vectors.count, "one weight per vector")
        self.classes = classes
        self.featureCount = featureCount
        let classCount = classes.count
        weights = [Double](repeating: 0, count: featureCount * classCount)
        bias = [Double](repeating: 0, count: classCount)
        guard classCount > 1, !vectors.isEmpty else { return }

        let sampleWeights = sampleWeights ?? [Double](repeating: 1, count: vectors.count)
        let totalWeight = sampleWeights.reduce(0, +)
        guard totalWeight > 0 else { return }

        var gradient = [Double](repeating: 0, count: weights.count)
        var biasGradient = [Double](repeating: 0, count: classCount)
        var moment = [Double](repeating: 0, count: weights.count)
        var velocity = [Double](repeating: 0, count: weights.count)
        var biasMoment = [Double](repeating: 0, count: classCount)
        var biasVelocity = [Double](repeating: 0, count: classCount)
        var probabilities = [Double](repeating: 0, count: classCount)
        let (beta1, beta2, epsilon) = (0.9, 0.999, 1e-8)

        for step in 1...parameters.iterations {
            for position in gradient.indices { gradient[position] = parameters.l2 * weights[position] }
            for position in biasGradient.indices { biasGradient[position] = 0 }
            for (position, (vector, label)) in zip(vectors, labels).enumerated() {
                let scale = sampleWeights[position] / totalWeight
                scores(vector, into: &probabilities)
                Self.softmax(&probabilities)
                probabilities[label] -= 1
                for (feature, value) in zip(vector.indices, vector.values) {
                    let base = feature * classCount
                    for c in 0..<classCount { gradient[base + c] += value * probabilities[c] * scale }
                }
                for c in 0..<classCount { biasGradient[c] += probabilities[c] * scale }
            }
            let correction1 = 1 - pow(beta1, Double(step))
            let correction2 = 1 - pow(beta2, Double(step))
            let rate = parameters.learningRate * sqrt(correction2) / correction1
            for position in weights.indices {
                let g = gradient[position]
                guard g != 0 || moment[position] != 0 else { continue }
                moment[position] = beta1 * moment[position] + (1 - beta1) * g
                velocity[position] = beta2 * velocity[position] + (1 - beta2) * g * g
                weights[position] -= rate * moment[position] / (sqrt(velocity[position]) + epsilon)
            }
            for c in 0..<classCount {
                let g = biasGradient[c]
                biasMoment[c] = beta1 * biasMoment[c] + (1 - beta1) * g
                biasVelocity[c] = beta2 * biasVelocity[c] + (1 - beta2) * g * g
                bias[c] -= rate * biasMoment[c] / (sqrt(biasVelocity[c]) + epsilon)
            }
        }
    }

    /// The probability of each class, in the order of `classes`; they sum to 1. Without the prior
    /// (the bias, which learned how often each class occurs in training) only the document's own
    /// terms speak: how often an office files under a group does not carry over to another office.
    func probabilities(_ vector: SparseVector, includingPrior: Bool = true) -> [Double] {
        var result = [Double](repeating: 0, count: classes.count)
        scores(vector, includingPrior: includingPrior, into: &result)
        Self.softmax(&result)
        return result
    }

    /// The features that pushed the document most towards class `classIndex`: (feature, contribution).
    func strongestFeatures(_ vector: SparseVector, classIndex: Int, limit: Int) -> [(feature: Int, contribution: Double)] {
        let classCount = classes.count
        var found: [(feature: Int, contribution: Double)] = []
        for (feature, value) in zip(vector.indices, vector.values) {
            let contribution: Double = value * weights[feature * classCount + classIndex]
            if contribution > 0 { found.append((feature, contribution)) }
        }
        found.sort { $0.contribution != $1.contribution ? $0.contribution > $1.contribution : $0.feature < $1.feature }
        return Array(found.prefix(limit))
    }

    private func scores(_ vector: SparseVector, includingPrior: Bool = true, into result: inout [Double]) {
        let classCount = classes.count
        for c in 0..<classCount { result[c] = includingPrior ? bias[c] : 0 }
        for (feature, value) in zip(vector.indices, vector.values) where feature < featureCount {
            let base = feature * classCount
            for c in 0..<classCount { result[c] += value * weights[base + c] }
        }
    }

    static func softmax(_ values: inout [Double]) {
        guard let largest = values.max() else { return }
        var sum = 0.0
        for index in values.indices {
            values[index] = exp(values[index] - largest)
            sum += values[index]
        }
        for index in values.indices { values[index] /= sum }
    }
}
