import Foundation
import Testing
@testable import ScanPipeline

/// The project's own mailroom batch (samples/): every defect the generator put in is undone.
@Suite("Sample batch")
struct SampleBatchTests {
    @Test func theManifestDescribesEveryScanAndEachKindOfDefect() throws {
        let manifest = try #require(SampleManifest.shared, "samples/batch-manifest.json is missing or unreadable")
        #expect(manifest.files.map(\.file).sorted() == SampleScans.files)
        let pages = manifest.files.flatMap(\.pages)
        #expect(pages.contains { $0.rotationCwDegrees == 180 }, "an upside-down page")
        #expect(pages.contains { $0.blank }, "a blank back side")
        #expect(pages.contains { abs($0.skewCcwDegrees) >= 2 }, "a clearly skewed page")
        #expect(pages.allSatisfy { abs($0.skewCcwDegrees) <= 3 })
        let extensions = Set(manifest.files.map { URL(fileURLWithPath: $0.file).pathExtension })
        #expect(extensions == ["tif", "png", "jpg", "pdf"])
    }

    @Test(arguments: SampleManifest.cases)
    func readsEveryPageUprightStraightAndAccurately(sample: SampleManifest.Case) async throws {
        let file = try sample.file()
        let outcome = try await OCRHarness().run([SampleScans.path(file.file)])
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        #expect(outcome.pages.map(\.pageNumber) == file.pages.map(\.page))

        for (expected, page) in zip(file.pages, outcome.pages) {
            let label = "\(file.file) page \(expected.page)"
            #expect(page.resolution == 300 && page.resolutionSource != .assumed, "\(label)")
            if expected.blank {
                #expect(page.words.isEmpty, "\(label) is a blank back side but gave words: \(page.text)")
                continue
            }
            #expect(page.orientation.appliedDegrees == expected.rotationCwDegrees, "\(label)")
            // The detector reports the counter-clockwise rotation that straightens the page: the
            // generator's skew, undone.
            let skew = try #require(page.skew.detectedDegrees, "\(label): no skew measured")
            #expect(abs(skew + expected.skewCcwDegrees) <= 0.3, "\(label): measured \(skew)°")

            let truth = try SampleManifest.groundTruth(expected)
            let cer = TextMetrics.characterErrorRate(page.text, reference: truth)
            #expect(cer <= 0.02, "\(label): character error rate \(cer)")
            #expect((page.meanConfidence ?? 0) >= 85, "\(label)")
        }
    }
}
