import Foundation
import ScanPipeline

/// `scanctl eval --adapt` as a table for people: one row per K, then the same per genre.
enum LearningCurveReport {
    static func text(_ curve: LearningCurve, corpus: String, plan: String, policy: DecisionPolicy) -> String {
        let percent = EvaluationReport.percent
        var lines: [String] = []
        lines.append("\(corpus): plan \(plan); thresholds \(policy)")
        lines.append("learning curve by \(curve.column): each town held out, trained on the other towns plus K of its own")
        lines.append("documents (\(curve.order)), tested on the rest; a town counts at K when it has ≥ K + \(LearningCurve.minimumTestDocuments) documents")
        lines.append("statistical layer: stemmed terms and compound parts" + (curve.characterGrams ? " + character 3–5-grams" : "")
                     + "; template lines learned per town and left out")
        lines.append("")
        let header = ["K", "towns", "tested", "accuracy", "at K=0", "Paperless", "filed", "precision", "cov@95%", "cov@97%", "train s"]
        let widths = [5, 6, 7, 10, 9, 10, 8, 10, 9, 9, 8]
        func row(_ values: [String]) -> String {
            zip(values, widths).map { $0.leftPadded(to: $1) }.joined()
        }
        func line(_ adapted: Int, towns: String, _ layered: ClassificationEvaluation, _ zero: ClassificationEvaluation,
                     _ baseline: ClassificationEvaluation, seconds: [Double]?) -> String {
            row([String(adapted), towns, String(layered.documents), percent(layered.mainGroupAccuracy),
                 percent(zero.mainGroupAccuracy), percent(baseline.mainGroupAccuracy), percent(layered.autoFiled),
                 percent(layered.autoFiledPrecision), percent(layered.coverage[0].coverage), percent(layered.coverage[1].coverage),
                 seconds.map { $0.isEmpty ? "–" : String(format: "%.1f", $0.reduce(0, +) / Double($0.count)) } ?? ""])
        }
        lines.append(row(header))
        for point in curve.points {
            lines.append(line(point.adapted, towns: String(point.groups.count), point.layered, point.unadapted, point.baseline,
                                 seconds: point.trainingSeconds))
        }
        for genre in DocumentGenre.allCases {
            let rows = curve.points.compactMap { point in point.genres.first { $0.genre == genre }.map { (point, $0) } }
            guard !rows.isEmpty else { continue }
            lines.append("")
            lines.append("\(genre.rawValue):")
            for (point, figures) in rows {
                let towns = Set(figures.layered.predictions.compactMap(\.group)).count
                lines.append(line(point.adapted, towns: String(towns), figures.layered, figures.unadapted, figures.baseline,
                                  seconds: nil))
            }
        }
        lines.append("")
        let perDocument = curve.points.map(\.classificationSeconds).reduce(0, +) / Double(max(curve.points.count, 1))
        lines.append(String(format: "classification: %.1f ms per document (layered, mean over all K)", perDocument * 1000))
        lines.append("towns per K:")
        for point in curve.points {
            lines.append("  K=\(point.adapted): " + point.groups.joined(separator: ", "))
        }
        lines.append("")
        lines.append("accuracy: main group; at K=0: the same test documents classified without any of the town's own;")
        lines.append("filed: share filed automatically at the thresholds, precision: of those filed; cov@P: share that")
        lines.append("could be filed keeping precision P; train s: seconds per model")
        return lines.joined(separator: "\n") + "\n"
    }
}
