import ArgumentParser
import FilePlan
import Foundation
import ScanPipeline

extension ScanCtl {
    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Measure classification on a labelled corpus: accuracy, confusion, coverage at precision.",
            discussion: """
                The corpus is DIR/docs/<id>.txt with DIR/labels.csv (columns id,main_group and any others; \
                main_group is the KGSt main group 0–9, mapped to the plan's main group with that number).

                Three classifiers side by side: the layered classifier (plan layers + statistical model), the \
                plan's layers alone (no training), and a baseline built the way Paperless-ngx classifies (word \
                1–2-gram counts, min_df 1 %, a linear model, always the argmax).

                --split-by COLUMN trains on all groups of that column but one and tests on the held-out one, \
                for each group (e.g. municipality: how scanctl does in a town hall it has never seen); --folds K \
                cross-validates; --model FILE tests a model trained with scanctl train (nothing is trained, \
                --split-by then only groups the report). Without any of them only the plan's layers are measured.

                --adapt K[,K…] (with --split-by) draws the learning curve: for each held-out group, models are \
                trained on the other groups plus K of the group's own documents (--adapt-order random, the default: \
                drawn with --seed; arrival: the first K by the corpus's date column, else in labels.csv order, \
                which in a corpus sorted by label is no arrival order at all) and tested on the rest, for each K; K = 0 is a \
                town on day one. Reported per K and per genre (Sitzungsvorlage, Satzung/Verordnung: from a genre \
                column, else recognised in the text), beside the same documents at K = 0 and the Paperless-style \
                baseline trained on the same documents.

                Reported: accuracy per level of the plan (level 1 = main group); the share filed automatically \
                at the --thresholds and its precision; coverage at 95/97/99 % precision (the share of documents \
                that could be filed automatically if only the most probable were, keeping that precision); the \
                confusion matrix of the layered classifier.

                Exit codes: 0 success, 1 the corpus or model cannot be read or training fails, 2 the plan is \
                invalid, 64 invalid arguments.
                """)

        @Option(help: ArgumentHelp("The labelled corpus folder.", valueName: "dir"), completion: .directory)
        var corpus: String

        @Option(help: ArgumentHelp("A model file saved by scanctl train (WORKSPACE/models/<sha256>.json).", valueName: "file"),
                completion: .file(extensions: ["json"]))
        var model: String?

        @Option(help: ArgumentHelp("Cross-validate with this many folds.", valueName: "k"))
        var folds: Int?

        @Option(help: ArgumentHelp("Hold out each value of this labels.csv column in turn (e.g. municipality).", valueName: "column"))
        var splitBy: String?

        @Option(help: ArgumentHelp("Seed for fold assignment and training.", valueName: "n"))
        var seed: UInt64 = 2026

        @Option(help: ArgumentHelp("Learning curve: K of the held-out group's own documents in training, e.g. 0,25,50,100,200.",
                                   valueName: "k,…"), transform: { text in
            try text.split(separator: ",").map { part in
                guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                    throw ValidationError("--adapt takes document counts ≥ 0 separated by commas, e.g. 0,25,50,100,200")
                }
                return value
            }
        })
        var adapt: [Int]?

        @Option(help: ArgumentHelp("Which of a group's documents --adapt trains on first: random (with --seed) or arrival (date column, else labels.csv order).",
                                   valueName: "order"))
        var adaptOrder: AdaptOrder = .random

        @Flag(help: "Train with character 3–5-grams beside the terms (slower; see the README's Classification section).")
        var characterGrams = false

        @Option(help: ArgumentHelp("Also write every document's predictions (all three classifiers) to this CSV file.", valueName: "file"))
        var predictions: String?

        @OptionGroup var decision: DecisionPolicyOption
        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            if folds != nil && splitBy != nil { throw ValidationError("--folds and --split-by cannot be combined") }
            if let folds, folds < 2 { throw ValidationError("--folds needs at least 2") }
            if folds != nil && model != nil { throw ValidationError("--folds trains its own models; it cannot be combined with --model") }
            if adapt != nil && splitBy == nil { throw ValidationError("--adapt needs --split-by COLUMN (the groups to adapt to)") }
            if adapt != nil && model != nil { throw ValidationError("--adapt trains its own models; it cannot be combined with --model") }
            if adapt != nil && predictions != nil { throw ValidationError("--predictions cannot be combined with --adapt") }
        }

        enum AdaptOrder: String, ExpressibleByArgument, CaseIterable { case arrival, random }

        private func learningCurve(_ documents: LabelledCorpus, plan: FilePlan, column: String, sizes: [Int]) async throws {
            let order: LearningCurve.Order = adaptOrder == .arrival ? .arrival : .random(seed: seed)
            let curve: LearningCurve
            do {
                curve = try await LearningCurve.runInBackground(corpus: documents, plan: plan, column: column, sizes: sizes,
                                                                order: order, policy: decision.thresholds, seed: seed,
                                                                characterGrams: characterGrams)
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            if output.json {
                PlanJSON.print(LearningCurveJSON(corpus: corpus, plan: plan.version, thresholds: decision.thresholds.thresholds,
                                                 seed: seed, curve: curve))
            } else {
                StandardOutput.write(LearningCurveReport.text(curve, corpus: corpus, plan: plan.version, policy: decision.thresholds))
            }
        }

        func run() async throws {
            let plan = try PlanLoading.load(planSelection.path, failing: .unusable)
            let comparison: ClassifierComparison
            var modelVersion: String?
            do {
                let documents = try await LabelledCorpus.loadInBackground(folder: URL(fileURLWithPath: corpus))
                if let splitBy, documents.documents.contains(where: { $0.columns[splitBy] == nil }) {
                    throw ScanPipelineError(.invalidCorpus, path: URL(fileURLWithPath: corpus).appendingPathComponent("labels.csv").path,
                                            "has no column '\(splitBy)'")
                }
                if let adapt, let splitBy {
                    return try await learningCurve(documents, plan: plan, column: splitBy, sizes: adapt)
                }
                var trained: ClassificationModel?
                if let model {
                    let loaded = try await ClassificationModel.loadInBackground(from: URL(fileURLWithPath: model))
                    modelVersion = ClassificationModel.version(digest: try loaded.digest())
                    trained = loaded
                }
                let split: ClassifierComparison.Split = folds.map { .folds($0) } ?? splitBy.map { .column($0) } ?? .noSplit
                comparison = try await ClassifierComparison.runInBackground(corpus: documents, plan: plan, split: split, model: trained,
                                                          modelVersion: modelVersion, policy: decision.thresholds, seed: seed,
                                                          characterGrams: characterGrams)
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            let layered = modelVersion.map { "layered with \($0)" }
                ?? (comparison.trainingSeconds.isEmpty ? "layered (no model)" : "layered, trained per split")
            if let predictions {
                do {
                    try PredictionTable.csv(comparison).write(toFile: predictions, atomically: true, encoding: .utf8)
                } catch {
                    Terminal.error("\(predictions): cannot write the predictions: \(error.localizedDescription)")
                    throw ExitStatus.refused.code
                }
            }
            if output.json {
                PlanJSON.print(EvaluationJSON(corpus: corpus, plan: plan.version, layered: layered,
                                              thresholds: decision.thresholds.thresholds, seed: seed, comparison: comparison))
            } else {
                StandardOutput.write(EvaluationReport.text(comparison, corpus: corpus, layered: layered, plan: plan.version,
                                                           policy: decision.thresholds))
            }
        }
    }
}

struct EvaluationJSON: Encodable, Sendable {
    var corpus: String
    var plan: String
    var layered: String
    var thresholds: [Double]
    var seed: UInt64
    var comparison: ClassifierComparison
}

struct LearningCurveJSON: Encodable, Sendable {
    var corpus: String
    var plan: String
    var thresholds: [Double]
    var seed: UInt64
    var curve: LearningCurve
}
