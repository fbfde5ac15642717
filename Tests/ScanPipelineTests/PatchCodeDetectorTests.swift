import Testing
@testable import ScanPipeline
import TestSupport

/// Patch codes found by their bars alone, on NAPS2's real scan of Kodak's Patch T sheet. (Its
/// `word_patcht_p1.jpg` was printed scaled down, so the bars are out of Kodak's tolerances, as a
/// scanner's patch reader would find too; its barcode still marks it as a separator.)
@Suite struct PatchCodeDetectorTests {
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason),
          arguments: ["patcht.jpg"])
    func findsPatchTByItsBars(file: String) throws {
        let source = try SourceInspector(configuration: IngestConfiguration())
            .inspect(path: Corpus.path("scans/naps2/NAPS2.Sdk.Tests/Resources/\(file)"))
        let page = try PageLoader(configuration: IngestConfiguration()).load(source, page: 0)
        guard let gray = page.grayscale() else { Issue.record("\(file) did not convert to grey"); return }
        #expect(PatchCodeDetector.detect(gray, resolution: 300)?.value == "PATCHT")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason),
          arguments: ["notblank.jpg", "blank1.jpg", "word_p1.jpg"])
    func findsNothingOnOtherPages(file: String) throws {
        let source = try SourceInspector(configuration: IngestConfiguration())
            .inspect(path: Corpus.path("scans/naps2/NAPS2.Sdk.Tests/Resources/\(file)"))
        let page = try PageLoader(configuration: IngestConfiguration()).load(source, page: 0)
        guard let gray = page.grayscale() else { Issue.record("\(file) did not convert to grey"); return }
        #expect(PatchCodeDetector.detect(gray, resolution: 300) == nil)
    }
}
