public import FilePlan
import Foundation

/// How classification learns a town: for each town of a labelled corpus (the values of a column
/// such as `municipality`), a model is trained on the other towns plus the first K of that town's
/// own documents (as if its records managers had reviewed them), and tested on the rest of the
/// town's documents. K = 0 is a town on day one. Each K's figures cover the towns that have at
/// least K + ``minimumTestDocuments`` documents; beside them, the same test documents as
/// classified at K = 0, and the Paperless-style baseline trained on the same documents.
///
/// The town's template lines (letterheads, forms) are learned from all of its documents' texts
/// without their labels, at every K: a workspace sees every document it scans.
public struct LearningCurve: Sendable, Encodable {
    /// Which of a town's documents are reviewed first.
    public enum Order: Sendable, Equatable, Encodable, CustomStringConvertible {
        /// As they arrived: by the corpus's `date` column (ISO dates sort as text), else in labels.csv order.
        case arrival
        /// At random, with this seed.
        case random(seed: UInt64)

        public var description: String {
            switch self {
            case .arrival: "arrival order"
            case .random(let seed): "random order (seed \(seed))"
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    /// The figures of one genre at one K.
    public struct GenreFigures: Sendable, Encodable {
        public var genre: DocumentGenre
        public var layered: ClassificationEvaluation
        public var unadapted: ClassificationEvaluation
        public var baseline: ClassificationEvaluation
    }

    public struct Point: Sendable, Encodable {
        /// K: the town's own documents in training.
        public var adapted: Int
        /// The towns tested at this K.
        public var groups: [String]
        public var layered: ClassificationEvaluation
        /// The same test documents as classified with K = 0.
        public var unadapted: ClassificationEvaluation
        public var baseline: ClassificationEvaluation
        public var genres: [GenreFigures]
        /// Seconds per trained model.
        public var trainingSeconds: [Double]
        /// Mean seconds the layered classifier took per test document (plan layers, model, templates).
        public var classificationSeconds: Double
    }

    public var column: String
    public var order: Order
    /// Whether the statistical layer had character n-grams beside its terms.
    public var characterGrams: Bool
    public var points: [Point]

    /// A town is tested at K only when this many of its documents are left to test on.
    public static let minimumTestDocuments = 10

    public static func run(corpus: LabelledCorpus, plan: FilePlan, column: String, sizes: [Int], order: Order,
                           policy: DecisionPolicy, seed: UInt64 = 2026, characterGrams: Bool = false) throws -> LearningCurve {
        _ = try GermanStemmer.requireAvailable()
        _ = try GermanCompounds.requireAvailable()  // and the word list compounds are split with
        let documents = corpus.documents
        let training = try corpus.trainingDocuments(for: plan, source: "corpus", groupColumn: column)
        let towns = Set(documents.map { $0.columns[column] ?? "" }).sorted()
        let genres = documents.map { DocumentGenre.of(text: $0.text, column: $0.columns["genre"]) }
        func labelPath(_ index: Int) -> [String] {
            plan.node(code: training[index].code).map { plan.path(to: $0).map(\.code.written) } ?? [documents[index].mainGroup]
        }
        // Each town's documents in the order its records managers would review them.
        var ordered: [String: [Int]] = [:]
        for town in towns {
            let members = documents.indices.filter { documents[$0].columns[column] ?? "" == town }
            switch order {
            case .arrival:
                // A stable sort: documents of the same date keep their labels.csv order.
                ordered[town] = members.enumerated().sorted { left, right in
                    let (a, b) = (documents[left.element].columns["date"] ?? "", documents[right.element].columns["date"] ?? "")
                    return a != b ? a < b : left.offset < right.offset
                }.map(\.element)
            case .random(let seed):
                let ranks = SeededGenerator.folds(count: members.count, folds: members.count, seed: seed)
                ordered[town] = zip(members, ranks).sorted { $0.1 < $1.1 }.map(\.0)
            }
        }

        let indexByID = Dictionary(documents.indices.map { (documents[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        var unadapted: [Int: ClassificationEvaluation.Prediction] = [:]
        var points: [Point] = []
        var measured = Set<Int>()
        // K = 0 first, whatever was asked: every other K is shown beside it.
        for size in [0] + sizes where size >= 0 && measured.insert(size).inserted {
            var layered: [ClassificationEvaluation.Prediction] = []
            var baseline: [ClassificationEvaluation.Prediction] = []
            var seconds: [Double] = []
            var tested: [String] = []
            var classifying = 0.0
            for town in towns {
                let members = ordered[town] ?? []
                guard members.count >= size + (size == 0 ? 1 : minimumTestDocuments) else { continue }
                tested.append(town)
                let adapted = Array(members.prefix(size))
                let test = Array(members.dropFirst(size))
                let inTown = Set(members)
                let trainingMembers = documents.indices.filter { !inTown.contains($0) } + adapted
                let townTexts = members.map { documents[$0].text }
                let start = Date()
                var trainer = ModelTrainer(plan: plan, seed: seed, characterGrams: characterGrams)
                if size > 0 {
                    trainer.home = training[members[0]].group
                    trainer.homeTexts = townTexts
                }
                let model = try trainer.train(trainingMembers.map { training[$0] })
                seconds.append(Date().timeIntervalSince(start))
                // At K = 0 the town's templates are not in the model: learned from its texts here.
                let templates = size == 0 ? TemplateLines(learningFrom: townTexts.map { (town, $0) }) : TemplateLines()
                let classifier = LayeredClassifier(plan: plan, model: model,
                                                   modelVersion: ClassificationModel.version(digest: try model.digest()),
                                                   policy: policy, templates: templates)
                let paperless = PaperlessBaseline(training: trainingMembers.map { (documents[$0].text, documents[$0].mainGroup) })
                for index in test {
                    let clock = Date()
                    let classification = classifier.classify(documents[index].text)
                    classifying += Date().timeIntervalSince(clock)
                    var prediction = ClassificationEvaluation.Prediction(
                        label: documents[index].mainGroup, classification: classification, group: town, labelPath: labelPath(index))
                    prediction.id = documents[index].id
                    layered.append(prediction)
                    if size == 0 { unadapted[index] = prediction }
                    let guess = paperless.predict(documents[index].text)
                    var base = ClassificationEvaluation.Prediction(label: documents[index].mainGroup, predicted: guess.mainGroup,
                                                                   confidence: guess.probability, filed: guess.mainGroup, group: town)
                    base.id = documents[index].id
                    baseline.append(base)
                }
            }
            guard !tested.isEmpty else { continue }
            let testedIndices = layered.compactMap { $0.id.flatMap { indexByID[$0] } }
            let sameAtZero = testedIndices.compactMap { unadapted[$0] }
            func genre(_ prediction: ClassificationEvaluation.Prediction) -> DocumentGenre? {
                prediction.id.flatMap { indexByID[$0] }.map { genres[$0] }
            }
            let genreFigures = DocumentGenre.allCases.compactMap { kind -> GenreFigures? in
                let members = layered.filter { genre($0) == kind }
                guard !members.isEmpty else { return nil }
                return GenreFigures(genre: kind, layered: ClassificationEvaluation(members),
                                    unadapted: ClassificationEvaluation(sameAtZero.filter { genre($0) == kind }),
                                    baseline: ClassificationEvaluation(baseline.filter { genre($0) == kind }))
            }
            points.append(Point(adapted: size, groups: tested, layered: ClassificationEvaluation(layered),
                                unadapted: ClassificationEvaluation(sameAtZero), baseline: ClassificationEvaluation(baseline),
                                genres: genreFigures, trainingSeconds: seconds,
                                classificationSeconds: classifying / Double(max(layered.count, 1))))
        }
        return LearningCurve(column: column, order: order, characterGrams: characterGrams, points: points)
    }
}
