/// How well a classifier places documents with known main groups: accuracy, the confusion matrix,
/// how many documents it files on its own and how precisely, and coverage at precision (the share of
/// documents that could be filed automatically if only the most confident ones were, at 95 %, 97 %
/// and 99 % precision).
public struct ClassificationEvaluation: Sendable, Codable {
    /// One document's outcome.
    public struct Prediction: Sendable {
        public var label: String
        /// The best main group, and the classifier's probability for it.
        public var predicted: String?
        public var confidence: Double
        /// The main group the document was filed under automatically (nil: not even a main group).
        public var filed: String?
        /// The value of the split column, when evaluating by group.
        public var group: String?
        /// The labelled node's path (codes from the main group down), when the label is deeper than
        /// a main group, and the best path the classifier found.
        public var labelPath: [String]
        public var predictedPath: [String]
        /// The document's id in the corpus, for listing predictions.
        public var id: String?

        public init(label: String, predicted: String?, confidence: Double, filed: String?, group: String? = nil,
                    labelPath: [String] = [], predictedPath: [String] = []) {
            self.label = label
            self.predicted = predicted
            self.confidence = confidence
            self.filed = filed
            self.group = group
            self.labelPath = labelPath.isEmpty ? [label] : labelPath
            self.predictedPath = predictedPath.isEmpty ? predicted.map { [$0] } ?? [] : predictedPath
        }

        /// A classification's prediction at the main-group level.
        public init(label: String, classification: Classification, group: String? = nil, labelPath: [String] = []) {
            let path = classification.bestPath
            let top = path.first
            let filed = classification.filedUnder.map { String($0.code.prefix(1)) }
            self.init(label: label, predicted: top.map { String($0.code.prefix(1)) }, confidence: top?.probability ?? 0,
                      filed: filed, group: group, labelPath: labelPath, predictedPath: path.map(\.code))
        }
    }

    /// Accuracy at one level of the plan, over the documents labelled at least that deep.
    public struct LevelAccuracy: Sendable, Codable, Equatable {
        public var level: Int
        public var documents: Int
        public var accuracy: Double
    }

    public struct Coverage: Sendable, Codable, Equatable {
        public var precision: Double
        /// Share of all documents among the most confident ones that keep at least `precision`.
        public var coverage: Double
        /// The confidence of the last document in that share (0 when none qualifies).
        public var threshold: Double
    }

    public struct Group: Sendable, Codable, Equatable {
        public var value: String
        public var documents: Int
        public var accuracy: Double
        public var autoFiled: Double
        public var autoFiledPrecision: Double?
    }

    public var documents: Int
    /// Share of documents whose best main group is the right one.
    public var mainGroupAccuracy: Double
    /// Share of documents filed automatically at least to a main group, and how many of those are right.
    public var autoFiled: Double
    public var autoFiledPrecision: Double?
    public var coverage: [Coverage]
    /// Accuracy per level of the plan (level 1 is the main-group accuracy).
    public var levels: [LevelAccuracy]
    /// confusion[label][predicted] = count; predicted "-" when there was no candidate.
    public var confusion: [String: [String: Int]]
    public var groups: [Group]
    /// The predictions behind the figures (not part of the JSON summary).
    public private(set) var predictions: [Prediction] = []

    private enum CodingKeys: String, CodingKey {
        case documents, mainGroupAccuracy, autoFiled, autoFiledPrecision, coverage, levels, confusion, groups
    }

    public static let precisions = [0.95, 0.97, 0.99]

    public init(_ predictions: [Prediction]) {
        documents = predictions.count
        let count = Double(max(predictions.count, 1))
        mainGroupAccuracy = Double(predictions.filter { $0.predicted == $0.label }.count) / count
        let filed = predictions.filter { $0.filed != nil }
        autoFiled = Double(filed.count) / count
        autoFiledPrecision = filed.isEmpty ? nil : Double(filed.filter { $0.filed == $0.label }.count) / Double(filed.count)
        coverage = Self.coverage(predictions)
        let depth = predictions.map(\.labelPath.count).max() ?? 1
        levels = (1...max(depth, 1)).map { level in
            let labelled = predictions.filter { $0.labelPath.count >= level }
            let right = labelled.filter { $0.predictedPath.count >= level && $0.predictedPath[level - 1] == $0.labelPath[level - 1] }
            return LevelAccuracy(level: level, documents: labelled.count,
                                 accuracy: labelled.isEmpty ? 0 : Double(right.count) / Double(labelled.count))
        }
        var confusion: [String: [String: Int]] = [:]
        for prediction in predictions {
            confusion[prediction.label, default: [:]][prediction.predicted ?? "-", default: 0] += 1
        }
        self.confusion = confusion
        var groups: [Group] = []
        for value in Set(predictions.compactMap(\.group)).sorted() {
            let members = predictions.filter { $0.group == value }
            let inner = ClassificationEvaluation(members.map { var copy = $0; copy.group = nil; return copy })
            groups.append(Group(value: value, documents: members.count, accuracy: inner.mainGroupAccuracy,
                                autoFiled: inner.autoFiled, autoFiledPrecision: inner.autoFiledPrecision))
        }
        self.groups = groups
        self.predictions = predictions
    }

    /// Ranks by confidence and finds, for each precision, the largest top share that keeps it.
    static func coverage(_ predictions: [Prediction]) -> [Coverage] {
        let ranked = predictions.sorted { $0.confidence > $1.confidence }
        return precisions.map { precision in
            var right = 0
            var best = 0
            var threshold = 0.0
            for (index, prediction) in ranked.enumerated() {
                if prediction.predicted == prediction.label { right += 1 }
                // Only cut between different confidences: documents that tie are filed or not together.
                let nextTies = index + 1 < ranked.count && ranked[index + 1].confidence == prediction.confidence
                if !nextTies, Double(right) / Double(index + 1) >= precision {
                    best = index + 1
                    threshold = prediction.confidence
                }
            }
            return Coverage(precision: precision, coverage: Double(best) / Double(max(predictions.count, 1)),
                            threshold: threshold)
        }
    }
}
