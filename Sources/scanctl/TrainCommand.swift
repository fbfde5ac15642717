import ArgumentParser
import FilePlan
import Foundation
import ScanPipeline

extension ScanCtl {
    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "train",
            abstract: "Train the statistical classification layer from labelled documents and review corrections.",
            discussion: """
                Sources: --corpus DIR (DIR/docs/<id>.txt and DIR/labels.csv with columns id,main_group; a \
                code column may give a deeper plan node) and --from-reviews (documents whose place in the plan \
                a records manager settled in this workspace). Either or both; --corpus may be repeated.

                The model (TF-IDF over stemmed German terms and the parts of compounds, class-balanced logistic \
                regression per plan level, the calibrated combination with the plan's own layers, and the \
                template lines (letterheads, forms) learned per source and left out before classifying) \
                learns the workspace's own templates from everything it has scanned, reviewed or not. With \
                --from-reviews the workspace's reviewed documents count more (up to 4×, while they are fewer \
                than the corpus documents), bring their own vocabulary and calibrate the combination for this \
                town; documents discarded as nicht aktenrelevant teach a relevance layer once there are 5. \
                It is saved as WORKSPACE/models/<sha256>.json and recorded in the audit trail as model.trained; from then on scanctl run classifies with it \
                and names its version in every classification event. The same documents and --seed give the \
                same model and version.

                Exit codes: 0 trained, 1 a source cannot be read or there is too little to train on, 2 the \
                workspace or the plan cannot be used, 64 invalid arguments.
                """)

        @Option(help: ArgumentHelp("A labelled corpus folder (repeatable).", valueName: "dir"), completion: .directory)
        var corpus: [String] = []

        @Flag(help: "Also train on the review decisions recorded in the workspace.")
        var fromReviews = false

        @Flag(help: "Character 3–5-grams beside the terms: a little more accurate once the town's own documents are in, six times slower to train.")
        var characterGrams = false

        @Option(help: ArgumentHelp("Seed for the fold assignment used in calibration.", valueName: "n"))
        var seed: UInt64 = 2026

        @Option(name: .customLong("operator"), help: ArgumentHelp("Who trains, for the audit trail (default: $USER).", valueName: "name"))
        var operatorName: String?

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            if corpus.isEmpty && !fromReviews { throw ValidationError("give at least one --corpus DIR, or --from-reviews") }
        }

        func run() async throws {
            let plan = try PlanLoading.load(planSelection.path, failing: .unusable)
            let workspace = try self.workspace.open()
            var documents: [TrainingDocument] = []
            let start = Date()
            let model: ClassificationModel
            do {
                for folder in corpus {
                    let url = URL(fileURLWithPath: folder)
                    documents += try await LabelledCorpus.loadInBackground(folder: url)
                        .trainingDocuments(for: plan, source: "corpus \(url.lastPathComponent)")
                }
                if fromReviews {
                    let reviewed = try await workspace.reviewedTrainingDocuments()
                    if reviewed.isEmpty { Terminal.note("No review decisions in \(workspace.root.path) yet.") }
                    // A decision for a node a later plan version dropped cannot be learned; say so and go on.
                    // Nicht aktenrelevant is no plan code: those documents go along for the relevance layer.
                    let stale = reviewed.filter { !$0.isNotRecordRelevant && plan.node(code: $0.code) == nil }
                    if !stale.isEmpty {
                        Terminal.note("Left out \(stale.count) review decision(s) for codes not in \(plan.version): "
                                      + stale.prefix(5).map { "\($0.id) → \($0.code)" }.joined(separator: ", "))
                    }
                    documents += reviewed.filter { $0.isNotRecordRelevant || plan.node(code: $0.code) != nil }
                    let discarded = reviewed.filter(\.isNotRecordRelevant).count
                    if discarded > 0 {
                        Terminal.note("\(discarded) document(s) discarded as nicht aktenrelevant are kept for the relevance "
                                      + "layer; the plan-code model does not learn from them.")
                    }
                }
                // The workspace is the town the model is for: its reviewed documents count more, and
                // the template lines of everything it scanned are learned, reviewed or not.
                var trainer = ModelTrainer(plan: plan, seed: seed, characterGrams: characterGrams)
                trainer.home = fromReviews ? Workspace.reviewsSource : nil
                trainer.homeTexts = try await workspace.ownDocumentTexts()
                model = try await trainer.trainInBackground(documents)
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            let seconds = Date().timeIntervalSince(start)
            let stored: Workspace.StoredModel
            do {
                stored = try await workspace.save(model, trainingSeconds: seconds,
                                                  actor: .person(operatorName ?? ScanCtl.Run.defaultOperator))
            } catch {
                Terminal.error("\(error)")
                throw ExitStatus.unusable.code
            }
            let summary = TrainingSummary(model: stored.version, sha256: stored.digest, file: stored.file.path,
                                          plan: model.planVersion, sources: model.sources, documents: model.documentCount,
                                          seconds: (seconds * 100).rounded() / 100)
            if output.json {
                PlanJSON.print(summary)
            } else {
                var lines = ["Trained \(summary.model) on \(summary.documents) documents in \(String(format: "%.1f", seconds)) s:"]
                lines += model.sources.map { "  \($0.name): \($0.documents)" }
                lines.append("Saved as \(stored.file.path); scanctl run in this workspace now classifies with it.")
                StandardOutput.write(lines.joined(separator: "\n") + "\n")
            }
        }
    }
}

struct TrainingSummary: Encodable, Sendable {
    var model: String
    var sha256: String
    var file: String
    var plan: String
    var sources: [ClassificationModel.Source]
    var documents: Int
    var seconds: Double
}
