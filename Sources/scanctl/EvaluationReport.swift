import Foundation
import ScanPipeline

/// `scanctl eval` as tables for people: the classifiers side by side, then the layered one's
/// confusion matrix and groups.
enum EvaluationReport {
    static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.1f %%", value * 100)
    }

    static func text(_ comparison: ClassifierComparison, corpus: String, layered: String, plan: String,
                     policy: DecisionPolicy) -> String {
        var lines: [String] = []
        let evaluation = comparison.layered
        lines.append("\(corpus): \(evaluation.documents) documents; plan \(plan); thresholds \(policy)")
        switch comparison.split {
        case .noSplit: lines.append("no split: nothing trained on this corpus")
        case .folds(let count): lines.append("\(count)-fold cross-validation: every document tested by models that did not see it")
        case .column(let column) where comparison.trainingSeconds.isEmpty: lines.append("grouped by \(column)")
        case .column(let column): lines.append("held out by \(column): each group tested by models trained on the other groups")
        }
        if !comparison.trainingSeconds.isEmpty {
            let seconds = comparison.trainingSeconds
            lines.append(String(format: "training: %d models, %.1f s each on average", seconds.count,
                                seconds.reduce(0, +) / Double(seconds.count)))
        }
        lines.append("")
        var columns: [(String, ClassificationEvaluation)] = [(layered, evaluation)]
        if comparison.layeredUsesModel {
            columns.append(("plan layers only", comparison.planOnly))
        }
        if let baseline = comparison.baseline { columns.append(("Paperless-style", baseline)) }
        let width = max(18, columns.map(\.0.count).max() ?? 0) + 2
        func row(_ name: String, _ values: [String]) -> String {
            name.padding(toLength: 34, withPad: " ", startingAt: 0) + values.map { $0.leftPadded(to: width) }.joined()
        }
        lines.append(row("", columns.map(\.0)))
        for level in evaluation.levels {
            let name = level.level == 1 ? "main-group accuracy" : "level \(level.level) accuracy (\(level.documents) docs)"
            lines.append(row(name, columns.map { column in
                percent(column.1.levels.first { $0.level == level.level }?.accuracy)
            }))
        }
        lines.append(row("filed automatically", columns.map { percent($0.1.autoFiled) }))
        lines.append(row("  at precision", columns.map { percent($0.1.autoFiledPrecision) }))
        for (index, precision) in ClassificationEvaluation.precisions.enumerated() {
            lines.append(row(String(format: "coverage at %.0f %% precision", precision * 100),
                             columns.map { percent($0.1.coverage[index].coverage) }))
            lines.append(row("  at probability ≥", columns.map { String(format: "%.3f", $0.1.coverage[index].threshold) }))
        }
        lines.append("")
        let groups = (0...9).map(String.init)
        lines.append("confusion of \(layered) (rows: label, columns: best main group, – none)")
        lines.append("       " + (groups + ["–"]).map { $0.leftPadded(to: 4) }.joined())
        for label in groups {
            let counts = evaluation.confusion[label] ?? [:]
            lines.append("  \(label)    " + (groups + ["-"]).map { String(counts[$0] ?? 0).leftPadded(to: 4) }.joined()
                         + "   (\(counts.values.reduce(0, +)))")
        }
        if !evaluation.groups.isEmpty {
            lines.append("")
            lines.append("per group: main-group accuracy" + columns.map { " | \($0.0)" }.joined() + "; \(layered) filed at precision")
            for group in evaluation.groups {
                let accuracies = columns.map { column in percent(column.1.groups.first { $0.value == group.value }?.accuracy) }
                lines.append("  " + group.value.padding(toLength: 24, withPad: " ", startingAt: 0)
                             + String(group.documents).leftPadded(to: 4) + " docs  " + accuracies.map { $0.leftPadded(to: 8) }.joined()
                             + "   filed \(percent(group.autoFiled)) at \(percent(group.autoFiledPrecision))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
