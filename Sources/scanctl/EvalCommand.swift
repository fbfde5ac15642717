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
                main_group is the KGSt main group 0–9). Each document is classified against the file plan \
                and its best main group compared with the label.

                Reported: main-group accuracy; the share filed automatically (at least to a main group) and \
                its precision; coverage at 95/97/99 % precision (the share of documents that could be filed \
                automatically if only the most confident were, keeping that precision); the confusion matrix. \
                --split-by COLUMN reports the same per value of that column (e.g. municipality): the plan-based \
                classifier learns nothing from the corpus, so every group is unseen.

                Exit codes: 0 success, 1 the corpus cannot be read, 2 the plan is invalid, 64 invalid arguments.
                """)

        @Option(help: ArgumentHelp("The labelled corpus folder.", valueName: "dir"), completion: .directory)
        var corpus: String

        @Option(help: ArgumentHelp("Report per value of this labels.csv column (e.g. municipality).", valueName: "column"))
        var splitBy: String?

        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let plan = try PlanLoading.load(planSelection.path, exitCode: 2)
            let documents: LabelledCorpus
            do {
                documents = try LabelledCorpus.load(folder: URL(fileURLWithPath: corpus))
            } catch let error as ScanPipelineError {
                Terminal.error(error.description)
                throw ExitCode(1)
            }
            if let splitBy, documents.documents.contains(where: { $0.columns[splitBy] == nil }) {
                Terminal.error("labels.csv has no column '\(splitBy)'")
                throw ExitCode(1)
            }
            let classifier = PlanRuleClassifier(plan: plan)
            let predictions = documents.documents.map { document in
                ClassificationEvaluation.Prediction(label: document.mainGroup, classification: classifier.classify(document.text),
                                                    group: splitBy.flatMap { document.columns[$0] })
            }
            let evaluation = ClassificationEvaluation(predictions)
            if output.json {
                PlanJSON.print(EvaluationJSON(corpus: corpus, classifier: "\(classifier.name) \(classifier.version)",
                                              plan: plan.version, splitBy: splitBy, evaluation: evaluation))
            } else {
                StandardOutput.write(EvaluationReport.text(evaluation, corpus: corpus,
                                                           classifier: "\(classifier.name) \(classifier.version)",
                                                           plan: plan.version, splitBy: splitBy))
            }
        }
    }
}

struct EvaluationJSON: Encodable {
    var corpus: String
    var classifier: String
    var plan: String
    var splitBy: String?
    var evaluation: ClassificationEvaluation
}

/// `scanctl eval` as a table for people.
enum EvaluationReport {
    static func percent(_ value: Double?) -> String {
        guard let value else { return "    –" }
        return String(format: "%5.1f %%", value * 100)
    }

    static func text(_ evaluation: ClassificationEvaluation, corpus: String, classifier: String, plan: String,
                     splitBy: String?) -> String {
        var lines: [String] = []
        lines.append("\(corpus): \(evaluation.documents) documents; classifier \(classifier); plan \(plan)")
        lines.append("")
        lines.append("main-group accuracy          \(percent(evaluation.mainGroupAccuracy))")
        lines.append("filed automatically          \(percent(evaluation.autoFiled))  at precision \(percent(evaluation.autoFiledPrecision))")
        for coverage in evaluation.coverage {
            lines.append(String(format: "coverage at %2.0f %% precision   %@  (confidence ≥ %.3f)", coverage.precision * 100,
                                percent(coverage.coverage), coverage.threshold))
        }
        lines.append("")
        let groups = (0...9).map(String.init)
        lines.append("confusion (rows: label, columns: best main group, – none)")
        lines.append("       " + (groups + ["–"]).map { $0.leftPadded(to: 4) }.joined())
        for label in groups {
            let row = evaluation.confusion[label] ?? [:]
            lines.append("  \(label)    " + (groups + ["-"]).map { String(row[$0] ?? 0).leftPadded(to: 4) }.joined()
                         + "   (\(row.values.reduce(0, +)))")
        }
        if let splitBy, !evaluation.groups.isEmpty {
            lines.append("")
            lines.append("by \(splitBy):")
            for group in evaluation.groups {
                lines.append("  \(group.value.padding(toLength: 40, withPad: " ", startingAt: 0)) \(String(group.documents).leftPadded(to: 4)) docs  "
                             + "accuracy \(percent(group.accuracy))  filed \(percent(group.autoFiled)) at \(percent(group.autoFiledPrecision))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
