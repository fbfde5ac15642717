import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

@Suite("Skew detection", .enabled(if: Corpus.isAvailable, Corpus.missingReason))
struct DeskewTests {
    static let folder = "scans/deskew/tests"

    static var expectedAngles: [(String, Double)] {
        guard let data = FileManager.default.contents(atPath: Corpus.path("\(folder)/expected_angles.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return object.compactMap { key, value in
            guard key.hasSuffix(".png"), let angle = value as? Double else { return nil }
            return (key, angle)
        }.sorted { $0.0 < $1.0 }
    }

    @Test func theExpectedAnglesAreThere() {
        #expect(Self.expectedAngles.count == 8)
    }

    @Test(arguments: expectedAngles)
    func measuresTheSkewWithinHalfADegree(file: String, expected: Double) throws {
        let configuration = OCRConfiguration()
        let source = try SourceInspector(configuration: configuration.ingest).inspect(path: Corpus.path("\(Self.folder)/\(file)"))
        let decoded = try PageLoader(configuration: configuration.ingest).load(source, page: 0)
        guard let gray = decoded.grayscale() else {
            Issue.record("\(file) could not be converted to grayscale")
            return
        }
        let detector = SkewDetector(maximumDegrees: configuration.maximumSkewDegrees)
        let measurement = detector.measure(gray)
        let measured = try #require(measurement)
        #expect(abs(measured.degrees - expected) <= 0.5, "measured \(measured.degrees)°, expected \(expected)°")
        #expect(measured.confidence >= configuration.minimumSkewConfidence)
    }

    @Test func straightensASkewedPageBeforeRecognition() async throws {
        let page = try await OCRHarness().page(Corpus.path("\(Self.folder)/deskew-4.png"))
        #expect(abs(page.skew.appliedDegrees - 7) <= 0.5)
        // After straightening, the skew of the corrected image is close to zero.
        #expect((page.meanConfidence ?? 0) > 80)
    }
}
