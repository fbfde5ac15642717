public import FilePlan
import Foundation

/// Builds a ``ClassificationModel`` from labelled documents:
///
/// 1. every document's terms (``GermanText/terms(_:)``) and plan evidence are computed once;
/// 2. the documents are split into folds: one per group (municipality) when there are at least
///    three groups, otherwise `folds` seeded random folds; for each fold the statistical layer is
///    trained on the others and asked about the held-out documents, so that every document has a
///    statistical opinion from a model that never saw it, nor, with groups, its office;
/// 3. the layers' combination is fitted on those opinions: once with the statistical layer (per
///    level it was trained for) and once for the plan layers alone;
/// 4. the statistical layer is trained again on all documents.
///
/// Everything runs in a fixed order with a seeded shuffle: the same documents and seed give the
/// same model, byte for byte.
public struct ModelTrainer: Sendable {
    public let plan: FilePlan
    public var seed: UInt64
    public var folds: Int
    /// The group of the town the model is for (this workspace's reviews; in evaluation the held-out
    /// town's documents given to training): its documents count more, bring their own vocabulary and
    /// calibrate the combination for that town. See ``HomeWeighting``.
    public var home: String?
    /// Texts of the home town's documents without labels (everything it has scanned): its template
    /// lines are learned from them too.
    public var homeTexts: [String] = []
    /// Character 3–5-grams as a second channel beside the terms (see ``GermanText/characterGrams(_:)``).
    /// Off by default: on classify-dev by municipality they add 1–2 points of accuracy once a town's
    /// own documents are in training, at six times the training time (README, Classification).
    public var characterGrams = false {
        didSet { parameters.l2 = characterGrams ? Self.characterGramsL2 : Self.wordsL2 }
    }
    var parameters = SoftmaxRegression.Parameters(l2: ModelTrainer.wordsL2)

    /// The regression's L2 penalty, chosen by municipality split on classify-dev (1e-4, 3e-4 and
    /// 1e-3 tried): terms alone want a stronger one than terms with n-grams.
    static let wordsL2 = 3e-4
    static let characterGramsL2 = 1e-4

    /// A level below the main groups gets a statistical layer only with this many documents.
    static let minimumDocumentsPerLevel = 20
    /// Cross-fitted cases a level needs to calibrate its own combination; fewer borrow level 1's.
    static let minimumCalibrationCases = 30
    /// Folds the home town's documents are split into for calibration.
    static let homeFolds = 5

    public init(plan: FilePlan, seed: UInt64 = 2026, folds: Int = 5, home: String? = nil, homeTexts: [String] = [],
                characterGrams: Bool = false) {
        self.plan = plan
        self.seed = seed
        self.folds = folds
        self.home = home
        self.homeTexts = homeTexts
        self.characterGrams = characterGrams
        parameters.l2 = characterGrams ? Self.characterGramsL2 : Self.wordsL2
    }

    /// One training document, resolved and analysed.
    struct Prepared: Sendable {
        var group: String
        var path: [PlanNode]
        var terms: [String]
        /// Character n-grams, when the trainer uses that channel (empty otherwise).
        var grams: [String]
        var evidence: PlanEvidence
        var isHome: Bool
        /// How much it counts in the regression and in calibration.
        var weight: Double
    }

    public func train(_ documents: [TrainingDocument]) throws -> ClassificationModel {
        // Discarded documents teach the relevance layer, not a plan code.
        let discarded = documents.filter(\.isNotRecordRelevant)
        let documents = documents.filter { !$0.isNotRecordRelevant }
        _ = try GermanStemmer.requireAvailable()  // a broken libstemmer is an error, not unstemmed terms
        _ = try GermanCompounds.requireAvailable()  // and the word list compounds are split with
        let collector = PlanEvidenceCollector(plan: plan)
        let paths = try documents.map { document -> [PlanNode] in
            guard let node = plan.node(code: document.code) else {
                throw ScanPipelineError(.training, "document \(document.id) (\(document.source)): \(document.code) is not a code of the plan \(plan.version)")
            }
            return plan.path(to: node)
        }
        let templates = TemplateLines(learningFrom: documents.map { ($0.group, $0.text) }
                                      + homeTexts.map { (home ?? "home", $0) })
        let homeCount = documents.filter { $0.group == home }.count
        let weighting = HomeWeighting(homeDocuments: homeCount, otherDocuments: documents.count - homeCount)
        let prepared = Self.parallelMap(documents.indices) { index in
            let discounted = templates.discounted(documents[index].text)
            let isHome = documents[index].group == home
            return Prepared(group: documents[index].group, path: paths[index], terms: GermanText.terms(discounted),
                            grams: characterGrams ? GermanText.characterGrams(discounted) : [],
                            evidence: collector.collect(discounted, referencesIn: documents[index].text), isHome: isHome,
                            weight: isHome ? weighting.documentWeight : 1)
        }
        let mainGroups = Set(prepared.map { $0.path[0].code })
        guard prepared.count >= 10, mainGroups.count >= 2 else {
            throw ScanPipelineError(.training, "training needs at least 10 documents in at least 2 main groups; got \(prepared.count) in \(mainGroups.count)")
        }

        let (foldCount, assignment) = calibrationFolds(prepared)
        // Folds are independent: trained side by side, their cases gathered in fold order.
        let foldCases = Self.parallelMap(0..<foldCount) { fold -> [(level: Int, example: LayerCombination.Example)] in
            let training = prepared.indices.filter { assignment[$0] != fold }
            let heldOut = prepared.indices.filter { assignment[$0] == fold }
            guard !training.isEmpty else { return [] }
            let statistical = fit(prepared, members: training)
            var cases: [(level: Int, example: LayerCombination.Example)] = []
            for index in heldOut {
                let view = StatisticalView(model: statistical,
                                           vector: statistical.vectorizer.vector(prepared[index].grams + prepared[index].terms))
                for level in statistical.levels where prepared[index].path.count >= level.level {
                    guard var example = example(prepared[index], level: level.level, view: view) else { continue }
                    example.weight = prepared[index].weight
                    cases.append((level.level, example))
                }
            }
            return cases
        }
        var combinedCases: [Int: [LayerCombination.Example]] = [:]
        for (level, example) in foldCases.joined() { combinedCases[level, default: []].append(example) }
        var planCases: [LayerCombination.Example] = []
        for document in prepared {
            for level in 1...document.path.count {
                if var example = example(document, level: level, view: nil) {
                    example.weight = document.weight
                    planCases.append(example)
                }
            }
        }
        let planOnly = LayerCombination(fitting: planCases, without: [3])

        var model = fit(prepared, members: Array(prepared.indices))
        let levelOne = LayerCombination(fitting: combinedCases[1] ?? [])
        model.levels = model.levels.map { level in
            var level = level
            let cases = combinedCases[level.level] ?? []
            level.combination = cases.count >= Self.minimumCalibrationCases ? LayerCombination(fitting: cases) : levelOne
            return level
        }
        model.planOnly = planOnly
        model.templates = templates
        model.relevance = RelevanceLayer(relevant: prepared.map(\.terms),
                                         discarded: discarded.map { GermanText.terms(templates.discounted($0.text)) },
                                         parameters: parameters)
        var counts: [String: Int] = [:]
        for document in documents { counts[document.source, default: 0] += 1 }
        model.sources = counts.keys.sorted().map { ClassificationModel.Source(name: $0, documents: counts[$0] ?? 0) }
        return model
    }

    /// `transform` over `items` on all cores, results in the order of `items`. Training is pure
    /// computation, run on Dispatch's worker threads rather than Swift's cooperative pool.
    static func parallelMap<Item: Sendable, Result: Sendable>(_ items: some Collection<Item>,
                                                              _ transform: @Sendable (Item) -> Result) -> [Result] {
        let items = Array(items)
        let results = LockedValue([Result?](repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let result = transform(items[index])
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Calibration folds: one per group when there are at least three (a group's documents share an
    /// office's letterheads and templates, which would flatter the statistical layer if it could
    /// learn them), else seeded random folds.
    ///
    /// The home town is not held out as a whole: its documents are split into seeded folds, each
    /// held out while the rest of the home town stays in training, which is the situation of the
    /// next document it scans.
    private func calibrationFolds(_ prepared: [Prepared]) -> (count: Int, assignment: [Int]) {
        let groups = Set(prepared.filter { !$0.isHome }.map(\.group)).sorted()
        let homeMembers = prepared.indices.filter { prepared[$0].isHome }
        if groups.count >= 3 {
            let number = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
            var assignment = prepared.map { number[$0.group] ?? 0 }
            if homeMembers.count >= 2 {
                let count = min(Self.homeFolds, homeMembers.count)
                let homeAssignment = SeededGenerator.folds(count: homeMembers.count, folds: count, seed: seed)
                for (position, index) in homeMembers.enumerated() { assignment[index] = groups.count + homeAssignment[position] }
                return (groups.count + count, assignment)
            }
            return (groups.count, assignment)
        }
        let count = min(max(folds, 2), prepared.count)
        return (count, SeededGenerator.folds(count: prepared.count, folds: count, seed: seed))
    }

    /// The statistical layer trained on `members`: a vocabulary, and a regression per level that
    /// has enough documents (combinations still to be fitted).
    func fit(_ prepared: [Prepared], members: [Int]) -> ClassificationModel {
        let terms = members.map { prepared[$0].grams + prepared[$0].terms }
        // Terms in at least two documents and at most half of them: one-off OCR debris and the
        // words of every letter both say nothing about the subject.
        // Decided by all offices in training, not those of a fold, so that calibration sees the
        // vocabulary the final model ships with.
        // The home town's own words count from two of its documents on: a town's street names,
        // districts and projects are what its later documents are about.
        let offices = Set(prepared.map(\.group)).count
        let vectorizer = TermVectorizer(fitting: terms, weighting: .tfidf, ngrams: 1, minimumDocuments: 2, maximumShare: 0.5,
                                        groups: members.map { prepared[$0].isHome ? TermVectorizer.homeGroup : prepared[$0].group },
                                        minimumGroups: offices >= 3 ? 2 : 1)
        let vectors = vectorizer.vectors(terms)
        let depth = members.map { prepared[$0].path.count }.max() ?? 1
        var levels: [ClassificationModel.Level] = []
        for level in 1...depth {
            let labelled = members.indices.filter { prepared[members[$0]].path.count >= level }
            let codes = labelled.map { prepared[members[$0]].path[level - 1].code.written }
            let classes = Set(codes).sorted()
            guard classes.count >= 2, level == 1 || labelled.count >= Self.minimumDocumentsPerLevel else { continue }
            let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            // Classes balanced: a town that writes mostly about building must not teach that most
            // letters are about building (each class weighs the same in total; home weights on top).
            var classTotals: [String: Double] = [:]
            for (position, code) in codes.enumerated() { classTotals[code, default: 0] += prepared[members[labelled[position]]].weight }
            let overall = classTotals.values.reduce(0, +)
            let sampleWeights = labelled.indices.map { position -> Double in
                prepared[members[labelled[position]]].weight * overall / (Double(classes.count) * (classTotals[codes[position]] ?? 1))
            }
            let regression = SoftmaxRegression(classes: classes, featureCount: vectorizer.count,
                                               vectors: labelled.map { vectors[$0] },
                                               labels: codes.map { classIndex[$0] ?? 0 },
                                               sampleWeights: sampleWeights, parameters: parameters)
            levels.append(.init(level: level, regression: regression, combination: .planOnlyDefault))
        }
        return ClassificationModel(planVersion: plan.version, seed: seed, sources: [], vectorizer: vectorizer,
                                   levels: levels, planOnly: .planOnlyDefault)
    }

    /// The calibration case for `document` at `level`: its node's siblings and which one is right.
    private func example(_ document: Prepared, level: Int, view: StatisticalView?) -> LayerCombination.Example? {
        let options = level == 1 ? plan.roots.compactMap { plan.node($0) } : plan.children(of: document.path[level - 2])
        guard let answer = options.firstIndex(where: { $0.code == document.path[level - 1].code }) else { return nil }
        let shares = view?.shares(of: options, level: level)
        return .init(candidates: LayeredClassifier.features(options, evidence: document.evidence, statisticalShares: shares),
                     answer: answer)
    }
}
