import Foundation
import Logging
import Testing
internal import COCR
@testable import ScanPipeline
import TestSupport

/// Nothing with content is lost and no correction makes a page worse: real Tesseract on the
/// generated capture samples (samples/capture) and on real scans of the shared corpus.
@Suite("Faithful capture", .serialized)
struct CaptureFidelityTests {
    static let capture = SampleScans.folder.deletingLastPathComponent().appendingPathComponent("capture")

    static func sample(_ name: String) -> String { capture.appendingPathComponent(name).path }

    /// Words with a letter or digit that the `tesseract` CLI reads on `path` (one OpenMP thread,
    /// no correction of its own): the yardstick.
    static func cliWords(_ path: String) throws -> Int {
        let output = try ExternalTool(name: "tesseract", package: "tesseract-ocr")
            .run([path, "-", "-l", "deu"], timeout: 120)
        #expect(output.status == 0, "tesseract \(path): \(output.standardError)")
        return output.text.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    }

    /// Straightening brings in the page's border colour: on a page photographed on a dark desk
    /// and skewed, white wedges along the black border made Tesseract read nothing.
    @Test func aSkewedPageOnADarkBackgroundReadsAsMuchAsTheCLI() async throws {
        let path = Self.sample("dunkler-hintergrund-schraeg.jpg")
        let page = try await OCRHarness().page(path)
        #expect(page.skew.appliedDegrees != 0, "the page should have been straightened")
        let cli = try Self.cliWords(path)
        #expect(cli > 100)
        #expect(Double(page.textualWords.count) >= 0.9 * Double(cli), "scanctl \(page.textualWords.count), tesseract \(cli)")
        #expect(!BlankPagePolicy().isBlank(page))
    }

    /// Real flatbed scans of receipts on dark backgrounds (receipts-de/B).
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason),
          arguments: ["lidl_12052020_09_02351.jpg", "lidl_02032020_02_00716_B.jpg"])
    func receiptsOnDarkBackgroundsReadAsMuchAsTheCLI(file: String) async throws {
        let path = Corpus.path("scans/receipts-de/B/" + file)
        let page = try await OCRHarness().page(path)
        let cli = try Self.cliWords(path)
        #expect(Double(page.textualWords.count) >= 0.9 * Double(cli), "scanctl \(page.textualWords.count), tesseract \(cli)")
        #expect(page.colours == .colour)
    }

    /// A receipt on a flatbed's dark lid: Tesseract's global threshold over paper and lid loses
    /// its text (the CLI reads one word); confined to the sheet, it reads it.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))
    func aReceiptOnALargeDarkBackgroundIsReadOnItsSheet() async throws {
        let path = Corpus.path("scans/receipts-de/B/thalia_06052020_01_04990.jpg")
        let page = try await OCRHarness().page(path)
        #expect(page.textualWords.count >= 30)
        #expect(page.textualWords.count > 10 * (try Self.cliWords(path)))
    }

    /// A corner brought in by straightening takes the border's colour, and the page keeps its size.
    @Test func straighteningBringsInTheBorderColourAndKeepsTheSize() throws {
        guard let dark = PixImage(taking: pixCreate(1000, 1400, 8)) else { throw NoImage() }
        pixSetAllArbitrary(dark.pointer, 20)
        var box = boxCreate(100, 100, 800, 1200)
        pixSetInRectArbitrary(dark.pointer, box, 240)
        boxDestroy(&box)
        let fill = dark.borderColour()
        #expect(fill.luminance < 40)
        guard let straight = dark.rotated(counterClockwiseDegrees: 3, fill: fill),
              let white = dark.rotated(counterClockwiseDegrees: 3, fill: .white) else { throw NoImage() }
        #expect(straight.width == 1000 && straight.height == 1400)
        var corner: UInt32 = 0
        pixGetPixel(straight.pointer, 1, 1, &corner)
        #expect(corner < 60, "corner value \(corner)")
        pixGetPixel(white.pointer, 1, 1, &corner)
        #expect(corner > 200)
    }

    /// Handwriting and a drawing have ink but no recognised text: never blank.
    @Test(arguments: ["handschrift.jpg", "zeichnung.png"])
    func handwritingAndDrawingsHaveInkButNoText(file: String) async throws {
        let page = try await OCRHarness().page(Self.sample(file))
        let ink = try #require(page.ink)
        #expect(ink.marks > 10)
        #expect(!BlankPagePolicy().isBlank(page))
        #expect(!page.hasRecognisedText)
    }

    /// NAPS2's expectations: its two scans of blank pages (streaks, corner marks) are blank, the
    /// almost blank page with four lines is not.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason),
          arguments: [("blank1.jpg", true), ("blank2.jpg", true), ("notblank.jpg", false)])
    func naps2BlankPages(file: String, blank: Bool) async throws {
        let page = try await OCRHarness().page(Corpus.path("scans/naps2/NAPS2.Sdk.Tests/Resources/" + file))
        #expect(BlankPagePolicy().isBlank(page) == blank, "ink \(String(describing: page.ink))")
    }

    /// Upright pages with handwriting stay upright, whatever OSD says about them.
    @Test func anUprightPageWithHandwrittenCorrectionsStaysUpright() async throws {
        let page = try await OCRHarness().page(Self.sample("handschriftliche-korrekturen.jpg"))
        #expect(page.orientation.appliedDegrees == 0)
        #expect((page.meanConfidence ?? 0) > 70)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))
    func aPhonePhotoOfALetterStaysUpright() async throws {
        let page = try await OCRHarness().page(Corpus.path("scans/docspell/camera/letter-en.jpg"))
        #expect(page.orientation.appliedDegrees == 0)
    }

    /// Tesseract's phototest in all four orientations comes out upright, decided by a strip read
    /// both ways (or the text shapes for the upright one).
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason),
          arguments: [("phototest.tif", 0), ("phototest-rotated-R.png", 90), ("phototest-rotated-180.png", 180),
                      ("phototest-rotated-L.png", 270)])
    func phototestInEveryOrientation(file: String, degrees: Int) async throws {
        let page = try await OCRHarness().page(Corpus.path(Corpus.tesseractTesting + "/" + file))
        #expect(page.orientation.appliedDegrees == degrees, "\(page.orientation)")
        #expect((page.meanConfidence ?? 0) > 80)
        if degrees != 0 {
            #expect(page.orientation.detector == .recognition && page.orientation.evidence != nil)
        }
    }

    /// The colours a page was scanned in are what its searchable page keeps.
    @Test(arguments: [("farbiger-briefkopf.jpg", PageColours.colour), ("zeichnung.png", .bilevel)])
    func pagesKeepTheirColours(file: String, colours: PageColours) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pdf = folder.url.appendingPathComponent("page.pdf")
        let source = try SourceInspector(configuration: IngestConfiguration()).inspect(path: Self.sample(file))
        let pool = try await OCRWorkerPool(configuration: OCRConfiguration(), workers: 1, logger: .init(label: "test"))
        let page = try await pool.perform { try $0.recognize(source, page: 0, searchablePDF: pdf) }
        await pool.shutdown()
        #expect(page.colours == colours)
        let images = try ExternalTool(name: "pdfimages", package: "poppler-utils").run(["-list", pdf.path], timeout: 30)
            .text.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        let image = try #require(images.first)
        // page num type width height color comp bpc enc ...
        #expect(image[3] == "2480" && image[4] == "3508")
        switch colours {
        case .colour: #expect(image[5] == "rgb" && image[8] == "jpeg")
        case .bilevel: #expect(image[7] == "1" && image[8] == "ccitt")
        case .grey: #expect(image[5] == "gray")
        }
    }

    /// A straightened A4 page stays A4 (it grew to 602 × 847 pt before).
    @Test func aStraightenedPageKeepsItsPaperSize() async throws {
        let page = try await OCRHarness().page(SampleScans.path("06-kita-platz.jpg"))
        #expect(page.skew.appliedDegrees != 0)
        #expect(page.width == 2480 && page.height == 3508)
    }

    struct NoImage: Error {}
}
