public import Foundation
import SwiftCSV

/// Documents with known main groups, for training and evaluation: `DIR/docs/<id>.txt` and
/// `DIR/labels.csv` with at least the columns `id` and `main_group` (KGSt main group 0–9); further
/// columns (`municipality`, ...) are kept for splitting.
public struct LabelledCorpus: Sendable {
    public struct Document: Sendable {
        public var id: String
        public var text: String
        /// The KGSt main group, "0" to "9".
        public var mainGroup: String
        /// Every column of the document's row in labels.csv.
        public var columns: [String: String]
    }

    public var documents: [Document]
    /// The labels.csv it was read from, for error messages.
    public var labelsFile: String?

    public init(documents: [Document], labelsFile: String? = nil) {
        self.documents = documents
        self.labelsFile = labelsFile
    }

    /// Reads the corpus in `folder`; every problem names the file and, for labels, the line.
    public static func load(folder: URL) throws -> LabelledCorpus {
        let labels = folder.appendingPathComponent("labels.csv")
        guard let data = FileManager.default.contents(atPath: labels.path) else {
            throw ScanPipelineError(.invalidCorpus, path: labels.path, "labels.csv is missing (expected DIR/labels.csv and DIR/docs/<id>.txt)")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw ScanPipelineError(.invalidCorpus, path: labels.path, "labels.csv is not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let csv: CSV<Named>
        do {
            csv = try CSV<Named>(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw ScanPipelineError(.invalidCorpus, path: labels.path, "labels.csv cannot be parsed: \(error)")
        }
        for column in ["id", "main_group"] where !csv.header.contains(column) {
            throw ScanPipelineError(.invalidCorpus, path: labels.path, "labels.csv has no column '\(column)'")
        }
        var documents: [Document] = []
        for (offset, row) in csv.rows.enumerated() {
            let line = offset + 2
            let id = (row["id"] ?? "").trimmingCharacters(in: .whitespaces)
            let group = (row["main_group"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty, !id.contains("/"), !id.hasPrefix(".") else {
                throw ScanPipelineError(.invalidCorpus, path: labels.path, "line \(line): '\(id)' is not a document id")
            }
            guard group.count == 1, group.first?.isNumber == true else {
                throw ScanPipelineError(.invalidCorpus, path: labels.path, "line \(line): main_group '\(group)' is not 0–9")
            }
            let file = folder.appendingPathComponent("docs/\(id).txt")
            guard let body = FileManager.default.contents(atPath: file.path) else {
                throw ScanPipelineError(.invalidCorpus, path: file.path, "line \(line) of labels.csv names a document that is not there")
            }
            documents.append(Document(id: id, text: String(decoding: body, as: UTF8.self), mainGroup: group, columns: row))
        }
        guard !documents.isEmpty else {
            throw ScanPipelineError(.invalidCorpus, path: labels.path, "labels.csv lists no documents")
        }
        return LabelledCorpus(documents: documents, labelsFile: labels.path)
    }
}
