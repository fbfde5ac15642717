public import FilePlan
import Foundation

/// `scanctl eval`'s measurement: the layered classifier, the plan's layers alone and a
/// Paperless-style baseline on the same documents, side by side.
///
/// With a split (folds, or one group of a column held out at a time), the layered classifier and
/// the baseline are trained on the other documents and tested on the held-out ones, so every
/// figure is on documents the models never saw. With a given model, that model is tested on all
/// documents (the baseline is left out: it would have to be trained on the same documents).
public struct ClassifierComparison: Sendable, Encodable {
    public enum Split: Sendable, Equatable, Encodable {
        /// No training: the plan's layers (and a given model) only.
        case noSplit
        /// K-fold cross-validation with a seeded assignment.
        case folds(Int)
        /// Each value of a labels.csv column held out in turn (e.g. `municipality`).
        case column(String)

        private enum CodingKeys: String, CodingKey { case kind, folds, column }

        /// `{"kind": "folds", "folds": 5}`, `{"kind": "column", "column": "municipality"}`, `{"kind": "none"}`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .noSplit: try container.encode("none", forKey: .kind)
            case .folds(let count):
                try container.encode("folds", forKey: .kind)
                try container.encode(count, forKey: .folds)
            case .column(let column):
                try container.encode("column", forKey: .kind)
                try container.encode(column, forKey: .column)
            }
        }
    }

    public var split: Split
    public var layered: ClassificationEvaluation
    public var planOnly: ClassificationEvaluation
    public var baseline: ClassificationEvaluation?
    /// Time spent training the layered classifier, per split, in seconds.
    public var trainingSeconds: [Double]
    /// Whether the layered classifier had a statistical model (given or trained); without one it
    /// is the plan layers alone.
    public var layeredUsesModel: Bool { !trainingSeconds.isEmpty || modelGiven }
    var modelGiven = false

    private enum CodingKeys: String, CodingKey { case split, layered, planOnly, baseline, trainingSeconds }

    /// Runs the comparison. With a `model`, nothing is trained and a column split only groups the report.
    public static func run(corpus: LabelledCorpus, plan: FilePlan, split: Split, model: ClassificationModel?,
                           modelVersion: String?, policy: DecisionPolicy, seed: UInt64 = 2026,
                           characterGrams: Bool = false) throws -> ClassifierComparison {
        _ = try GermanStemmer.requireAvailable()
        _ = try GermanCompounds.requireAvailable()  // and the word list compounds are split with
        let documents = corpus.documents
        let training = try corpus.trainingDocuments(for: plan, source: "corpus")
        let groupColumn: String? = if case .column(let column) = split { column } else { nil }

        func labelPath(_ index: Int) -> [String] {
            plan.node(code: training[index].code).map { plan.path(to: $0).map(\.code.written) } ?? [documents[index].mainGroup]
        }
        func prediction(_ index: Int, _ classifier: LayeredClassifier) -> ClassificationEvaluation.Prediction {
            var prediction = ClassificationEvaluation.Prediction(
                label: documents[index].mainGroup, classification: classifier.classify(documents[index].text),
                group: groupColumn.flatMap { documents[index].columns[$0] }, labelPath: labelPath(index))
            prediction.id = documents[index].id
            return prediction
        }

        var planOnly: [ClassificationEvaluation.Prediction?] = Array(repeating: nil, count: documents.count)
        var layered: [ClassificationEvaluation.Prediction?] = Array(repeating: nil, count: documents.count)
        var baseline: [ClassificationEvaluation.Prediction?] = Array(repeating: nil, count: documents.count)
        var seconds: [Double] = []

        if model != nil || split == .noSplit {
            // Nothing to train: a given model (grouped by the column, if any) or the plan's layers alone.
            // The plan layers alone with their shipped weights (or the given model's).
            let classifier = LayeredClassifier(plan: plan, model: model, modelVersion: modelVersion, policy: policy)
            let plain = LayeredClassifier(plan: plan, planOnly: model?.planOnly, policy: policy)
            return ClassifierComparison(split: split, layered: ClassificationEvaluation(documents.indices.map { prediction($0, classifier) }),
                                        planOnly: ClassificationEvaluation(documents.indices.map { prediction($0, plain) }),
                                        baseline: nil, trainingSeconds: [], modelGiven: model != nil)
        }
        let heldOutSets: [[Int]]
        switch split {
        case .noSplit:
            heldOutSets = []
        case .folds(let count):
            let assignment = SeededGenerator.folds(count: documents.count, folds: count, seed: seed)
            heldOutSets = (0..<count).map { fold in documents.indices.filter { assignment[$0] == fold } }
        case .column(let column):
            let values = Set(documents.map { $0.columns[column] ?? "" }).sorted()
            heldOutSets = values.map { value in documents.indices.filter { documents[$0].columns[column] ?? "" == value } }
        }
        for heldOut in heldOutSets where !heldOut.isEmpty {
            let held = Set(heldOut)
            let members = documents.indices.filter { !held.contains($0) }
            let start = Date()
            let trained = try ModelTrainer(plan: plan, seed: seed, characterGrams: characterGrams).train(members.map { training[$0] })
            seconds.append(Date().timeIntervalSince(start))
            // A held-out town's template lines come from its own texts (no labels needed), as a
            // workspace learns them from what it scans; k-fold splits share towns with training.
            let templates = groupColumn == nil ? TemplateLines() : TemplateLines(learningFrom: heldOut.map { ("held out", documents[$0].text) })
            let classifier = LayeredClassifier(plan: plan, model: trained,
                                               modelVersion: ClassificationModel.version(digest: try trained.digest()), policy: policy,
                                               templates: templates)
            let paperless = PaperlessBaseline(training: members.map { (documents[$0].text, documents[$0].mainGroup) })
            // The plan layers alone, weighted as fitted on this split's training documents only.
            let plain = LayeredClassifier(plan: plan, planOnly: trained.planOnly, policy: policy,
                                          templates: classifier.templates)
            for index in heldOut {
                layered[index] = prediction(index, classifier)
                planOnly[index] = prediction(index, plain)
                let guess = paperless.predict(documents[index].text)
                baseline[index] = .init(label: documents[index].mainGroup, predicted: guess.mainGroup, confidence: guess.probability,
                                        filed: guess.mainGroup, group: groupColumn.flatMap { documents[index].columns[$0] })
                baseline[index]?.id = documents[index].id
            }
        }
        return ClassifierComparison(split: split, layered: ClassificationEvaluation(layered.compactMap { $0 }),
                                    planOnly: ClassificationEvaluation(planOnly.compactMap { $0 }), baseline: ClassificationEvaluation(baseline.compactMap { $0 }),
                                    trainingSeconds: seconds)
    }
}
