import Foundation
import ScanPipeline

/// `scanctl eval --predictions FILE`: one CSV row per document, for looking at the errors.
enum PredictionTable {
    static func csv(_ comparison: ClassifierComparison) -> String {
        func keyed(_ evaluation: ClassificationEvaluation?) -> [String: ClassificationEvaluation.Prediction] {
            Dictionary((evaluation?.predictions ?? []).compactMap { prediction in prediction.id.map { ($0, prediction) } },
                       uniquingKeysWith: { first, _ in first })
        }
        let planOnly = keyed(comparison.planOnly)
        let baseline = keyed(comparison.baseline)
        var lines = ["id,group,label,layered,layered_probability,layered_filed,layered_path,plan_only,plan_only_probability,baseline,baseline_probability"]
        for prediction in comparison.layered.predictions {
            let id = prediction.id ?? ""
            let fields: [String] = [
                id, prediction.group ?? "", prediction.label, prediction.predicted ?? "", String(format: "%.4f", prediction.confidence),
                prediction.filed ?? "", prediction.predictedPath.joined(separator: " > "),
                planOnly[id]?.predicted ?? "", planOnly[id].map { String(format: "%.4f", $0.confidence) } ?? "",
                baseline[id]?.predicted ?? "", baseline[id].map { String(format: "%.4f", $0.confidence) } ?? "",
            ]
            lines.append(fields.map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting where needed.
    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
