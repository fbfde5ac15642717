import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

@Suite("Recognition of real scans", .enabled(if: Corpus.isAvailable, Corpus.missingReason))
struct RecognitionTests {
    let testing = Corpus.tesseractTesting

    @Test func phototestHasAtMostTwoPercentCharacterErrors() async throws {
        let page = try await OCRHarness().page(Corpus.path("\(testing)/phototest.tif"))
        let gold = try String(contentsOfFile: Corpus.path("\(testing)/phototest.gold.txt"), encoding: .utf8)
        let rate = TextMetrics.characterErrorRate(page.text, reference: gold)
        #expect(rate <= 0.02, "character error rate \(rate)")
        #expect((page.meanConfidence ?? 0) > 80)
    }

    @Test func eurotextReadsTheGermanSentenceExactly() async throws {
        let page = try await OCRHarness().page(Corpus.path("\(testing)/eurotext.tif"))
        let reference = try String(contentsOfFile: Corpus.path("\(testing)/eurotext.txt"), encoding: .utf8)
        let text = TextMetrics.normalise(page.text)
        #expect(text.contains("Der „schnelle” braune Fuchs springt über den faulen Hund."))
        let rate = TextMetrics.characterErrorRate(page.text, reference: reference)
        #expect(rate <= 0.03, "character error rate \(rate)")
    }

    @Test(arguments: [
        ("phototest.tif", 0),
        ("phototest-rotated-R.png", 90),
        ("phototest-rotated-180.png", 180),
        ("phototest-rotated-L.png", 270),
    ])
    func turnsEachOrientationUpright(file: String, clockwiseDegrees: Int) async throws {
        let page = try await OCRHarness().page(Corpus.path("\(testing)/\(file)"))
        #expect(page.orientation.detectedDegrees == clockwiseDegrees)
        #expect(page.orientation.appliedDegrees == clockwiseDegrees)
        let gold = try String(contentsOfFile: Corpus.path("\(testing)/phototest.gold.txt"), encoding: .utf8)
        let rate = TextMetrics.characterErrorRate(page.text, reference: gold)
        #expect(rate <= 0.02, "character error rate \(rate) after turning \(file) upright")
    }

    @Test func wordsCarryBoxesInsideThePageAndConfidences() async throws {
        var harness = OCRHarness()
        harness.configuration.produceHOCR = true
        let page = try await harness.page(Corpus.path("\(testing)/phototest.tif"))
        let words = page.words.map(\.text)
        #expect(Array(words.prefix(4)) == ["This", "is", "a", "lot"])
        for word in page.words {
            #expect(word.box.x >= 0 && word.box.y >= 0 && word.box.width > 0 && word.box.height > 0)
            #expect(word.box.x + word.box.width <= page.width && word.box.y + word.box.height <= page.height)
            #expect((0...100).contains(word.confidence))
        }
        // Reading order: line numbers never go back.
        #expect(zip(page.words, page.words.dropFirst()).allSatisfy { $0.line <= $1.line })
        #expect(page.words.map(\.line).max() == 7, "phototest has 8 text lines")
        #expect(page.hocr.contains("class='ocr_page'") && page.hocr.contains(">brown</span>"))
    }

    @Test func orientationCorrectionCanBeSwitchedOff() async throws {
        var harness = OCRHarness()
        harness.configuration.correctOrientation = false
        let page = try await harness.page(Corpus.path("\(testing)/phototest-rotated-180.png"))
        #expect(page.orientation.appliedDegrees == 0)
        #expect(!TextMetrics.normalise(page.text).contains("quick brown dog"))
    }
}
