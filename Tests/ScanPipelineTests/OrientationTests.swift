import Foundation
import Testing
internal import COCR
@testable import ScanPipeline

private struct NoImage: Error {}

/// The quick text-shape check that spares upright pages the cost of OSD.
@Suite("Quick orientation check")
struct OrientationTests {
    static let pages: [(file: String, page: Int)] = (SampleManifest.shared?.files ?? []).flatMap { file in
        file.pages.filter { !$0.blank }.map { (file.file, $0.page - 1) }
    }

    static func upright(_ file: String, page: Int) throws -> PixImage {
        let configuration = IngestConfiguration()
        let source = try SourceInspector(configuration: configuration).inspect(path: SampleScans.path(file))
        let decoded = try PageLoader(configuration: configuration).load(source, page: page)
        guard let gray = decoded.grayscale() else { throw NoImage() }
        // The generator fed one letter upside down; turn it back to have a known upright page.
        let turn = SampleManifest.shared?.files.first { $0.file == file }?.pages[page].rotationCwDegrees ?? 0
        guard let upright = gray.rotatedClockwise(quarterTurns: (360 - turn) / 90) else { throw NoImage() }
        return upright
    }

    /// Every text page of the samples, turned four ways: the check is never wrong when it decides,
    /// and it decides most upright pages (which is what saves the time; the rest go to OSD).
    @Test func isRightWheneverItDecides() throws {
        let detector = TextOrientationDetector()
        var uprightDecided = 0
        for (file, page) in Self.pages {
            let image = try Self.upright(file, page: page)
            for quarterTurns in 0..<4 {
                guard let turned = image.rotatedClockwise(quarterTurns: quarterTurns) else { throw NoImage() }
                guard let estimate = detector.estimate(turned, resolution: 300) else { continue }
                #expect(estimate.degrees == quarterTurns * 90, "\(file) page \(page + 1) turned \(quarterTurns * 90)°")
                if quarterTurns == 0 { uprightDecided += 1 }
            }
        }
        #expect(Self.pages.count == 10)
        #expect(uprightDecided >= 8, "decided \(uprightDecided) of \(Self.pages.count) upright pages")
    }

    @Test func leavesLowResolutionAndBlankPagesToOSD() throws {
        let detector = TextOrientationDetector()
        let image = try Self.upright("08-strassenschaden.png", page: 0)
        #expect(detector.estimate(image, resolution: 100) == nil)
        guard let blank = PixImage(taking: pixCreate(2480, 3508, 8)) else { throw NoImage() }
        pixSetAll(blank.pointer)  // white
        #expect(detector.estimate(blank, resolution: 300) == nil)
    }

    /// A page fed upside down is turned only when a strip of it, recognised both ways, reads far
    /// better turned: OSD or the text shapes alone never turn a page.
    @Test func anUpsideDownPageIsTurnedWhenAStripReadsBetterTurned() async throws {
        let page = try await OCRHarness().page(SampleScans.path("03-hundesteuer-abmeldung.jpg"))
        #expect(page.orientation.detector == .recognition && page.orientation.appliedDegrees == 180)
        #expect(page.orientation.evidence?.contains("180°") == true)
        let upright = try await OCRHarness().page(SampleScans.path("08-strassenschaden.png"))
        #expect(upright.orientation.detector == .textShape && upright.orientation.appliedDegrees == 0)
    }
}
