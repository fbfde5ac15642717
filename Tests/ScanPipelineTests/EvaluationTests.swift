import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

/// Loading labelled corpora and the metrics of `scanctl eval`.
@Suite("Classification evaluation")
struct EvaluationTests {
    typealias Prediction = ClassificationEvaluation.Prediction

    @Test func countsAccuracyConfusionAndWhatWasFiled() {
        let evaluation = ClassificationEvaluation([
            Prediction(label: "6", predicted: "6", confidence: 0.9, filed: "6"),
            Prediction(label: "6", predicted: "0", confidence: 0.4, filed: nil),
            Prediction(label: "9", predicted: "9", confidence: 0.8, filed: "9"),
            Prediction(label: "0", predicted: "6", confidence: 0.7, filed: "6"),
        ])
        #expect(evaluation.documents == 4)
        #expect(evaluation.mainGroupAccuracy == 0.5)
        #expect(evaluation.autoFiled == 0.75)
        #expect(evaluation.autoFiledPrecision == 2.0 / 3.0)
        #expect(evaluation.confusion["6"] == ["6": 1, "0": 1])
        #expect(evaluation.confusion["0"] == ["6": 1])
    }

    @Test func coverageFallsAsTheRequiredPrecisionRises() {
        // 20 right answers at high confidence, then alternating right and wrong ones.
        var predictions = (0..<20).map { Prediction(label: "1", predicted: "1", confidence: 1 - Double($0) / 100, filed: nil) }
        predictions += (0..<20).map {
            Prediction(label: "1", predicted: $0 % 2 == 0 ? "2" : "1", confidence: 0.5 - Double($0) / 100, filed: nil)
        }
        let coverage = ClassificationEvaluation(predictions).coverage
        #expect(coverage.map(\.precision) == [0.95, 0.97, 0.99])
        #expect(zip(coverage, coverage.dropFirst()).allSatisfy { $0.coverage >= $1.coverage })
        #expect(coverage[2].coverage == 0.5 && coverage[2].threshold == 0.81)
        #expect(coverage[0].coverage > 0.5)
    }

    @Test func doesNotSplitDocumentsThatTie() {
        // Two documents with the same confidence, one wrong: either both count or neither.
        let coverage = ClassificationEvaluation([
            Prediction(label: "1", predicted: "1", confidence: 0.9, filed: nil),
            Prediction(label: "1", predicted: "2", confidence: 0.9, filed: nil),
        ]).coverage
        #expect(coverage.allSatisfy { $0.coverage == 0 })
    }

    @Test func reportsEachGroup() {
        let evaluation = ClassificationEvaluation([
            Prediction(label: "1", predicted: "1", confidence: 0.9, filed: "1", group: "A"),
            Prediction(label: "2", predicted: "1", confidence: 0.9, filed: nil, group: "B"),
        ])
        #expect(evaluation.groups.map(\.value) == ["A", "B"])
        #expect(evaluation.groups.map(\.accuracy) == [1, 0])
    }

    @Test func loadsACorpusAndNamesWhatIsWrongWithOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let docs = folder.url.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try Data("Hundesteuer".utf8).write(to: docs.appendingPathComponent("a.txt"))
        _ = try folder.file("labels.csv", contents: Data("id,main_group,municipality\na,9,Lindenau\n".utf8))
        let corpus = try LabelledCorpus.load(folder: folder.url)
        #expect(corpus.documents.count == 1 && corpus.documents[0].columns["municipality"] == "Lindenau")

        _ = try folder.file("labels.csv", contents: Data("id,main_group\na,9\nb,6\n".utf8))
        let missing = try #require(throws: ScanPipelineError.self) { try LabelledCorpus.load(folder: folder.url) }
        #expect(missing.code == .invalidCorpus && missing.reason.contains("line 3"))

        _ = try folder.file("labels.csv", contents: Data("id,group\na,9\n".utf8))
        let column = try #require(throws: ScanPipelineError.self) { try LabelledCorpus.load(folder: folder.url) }
        #expect(column.reason.contains("no column 'main_group'"))

        _ = try folder.file("labels.csv", contents: Data("id,main_group\na,12\n".utf8))
        #expect(throws: ScanPipelineError.self) { try LabelledCorpus.load(folder: folder.url) }
    }
}
