import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

/// Bad files never crash the batch: each gets an error with a stable code that names the file.
@Suite("Bad input")
struct BadInputTests {
    let inspector = SourceInspector(configuration: IngestConfiguration())

    static let generated: [(name: String, bytes: [UInt8], code: ScanPipelineError.Code, reason: String)] = [
        ("empty.tif", [], .emptyFile, "empty"),
        ("letter.png", Array("<!DOCTYPE html><html>not an image</html>".utf8), .unsupportedFormat, "not a TIFF, PNG, JPEG or PDF"),
        ("scan.jpg", Array("Sehr geehrte Damen und Herren".utf8), .unsupportedFormat, "the content is text"),
        ("scan.tif", [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07], .unsupportedFormat, "not an image format"),
        ("header-only.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], .corruptFile, "PNG"),
        ("header-only.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16], .corruptFile, "JPEG"),
        ("header-only.tif", [0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0, 0xFF, 0xFF], .corruptFile, "TIFF"),
        ("broken.pdf", Array("%PDF-1.4\n1 0 obj garbage\n".utf8), .corruptFile, "PDF"),
    ]

    @Test(arguments: generated.indices)
    func rejectsWithACodeAndTheFileName(index: Int) throws {
        let bad = Self.generated[index]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.file(bad.name, contents: Data(bad.bytes))
        let error = try #require(throws: ScanPipelineError.self) { try inspector.inspect(path: path) }
        #expect(error.code == bad.code)
        #expect(error.path == path)
        #expect(error.description.hasPrefix(path + ": "))
        #expect(error.reason.contains(bad.reason), "reason: \(error.reason)")
        // The reason is shown and recorded: it never quotes the file's bytes.
        #expect(!error.reason.contains("Sehr geehrte") && !error.reason.contains("not an image</html>") && !error.reason.contains("00 01"))
    }

    @Test func rejectsMissingFilesAndFolders() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.url.appendingPathComponent("nowhere.tif").path
        #expect(throws: ScanPipelineError(.unreadableFile, path: missing, "no such file")) {
            try inspector.inspect(path: missing)
        }
        let error = try #require(throws: ScanPipelineError.self) { try inspector.inspect(path: folder.url.path) }
        #expect(error.code == .unreadableFile && error.reason.contains("directory"))
    }

    @Test(arguments: SampleScans.files)
    func rejectsTruncatedCopiesOfRealScans(file: String) throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: SampleScans.path(file)))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let truncated = try folder.file("truncated-" + file, contents: original.prefix(original.count / 3))
        let loader = PageLoader(configuration: IngestConfiguration())
        // Either inspection sees the damage, or decoding does: never a crash, never a silent half page.
        let error = try #require(throws: ScanPipelineError.self) {
            let source = try inspector.inspect(path: truncated)
            for page in source.pages.indices { _ = try loader.load(source, page: page) }
        }
        #expect([.corruptFile, .pdfRasterisation].contains(error.code), "\(error)")
        #expect(error.path == truncated)
    }

    @Test func refusesImagesAboveThePixelLimitBeforeDecoding() throws {
        let file = try #require(SampleScans.files.first { $0.hasSuffix(".png") || $0.hasSuffix(".tif") })
        let strict = SourceInspector(configuration: IngestConfiguration(maxPixelsPerPage: 1_000_000))
        let error = try #require(throws: ScanPipelineError.self) { try strict.inspect(path: SampleScans.path(file)) }
        #expect(error.code == .imageTooLarge)
        #expect(error.reason.contains("above the limit of 1.0 megapixels"))
    }
}

@Suite("Bad input from the corpus", .enabled(if: Corpus.isAvailable, Corpus.missingReason))
struct CorpusBadInputTests {
    let inspector = SourceInspector(configuration: IngestConfiguration())

    @Test(arguments: ["20K-gray.jpeg", "20K-gray.png", "20K-rgb.jpeg", "20K-rgb.png"])
    func refusesDecompressionBombsFromTheirHeaders(file: String) throws {
        let path = Corpus.path("scans/docspell/bombs/\(file)")
        let error = try #require(throws: ScanPipelineError.self) { try inspector.inspect(path: path) }
        #expect(error.code == .imageTooLarge)
        #expect(error.reason.contains("20000 × 20000 pixels"))
        #expect(error.path == path)
    }

    @Test(arguments: ["encrypted-test123.pdf", "protected-test123.pdf"])
    func refusesEncryptedPDFs(file: String) throws {
        let path = Corpus.path("scans/docspell/secured/\(file)")
        let error = try #require(throws: ScanPipelineError.self) { try inspector.inspect(path: path) }
        #expect(error.code == .encryptedPDF)
        #expect(error.reason.contains("encrypted"))
    }

    @Test func refusesAnInvalidPDF() throws {
        let path = Corpus.path("scans/ocrmypdf/tests/resources/invalid.pdf")
        let error = try #require(throws: ScanPipelineError.self) { try inspector.inspect(path: path) }
        #expect(error.code == .corruptFile)
    }

    @Test func theBatchGoesOnPastBadFiles() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let empty = try folder.file("empty.png", contents: Data())
        let good = Corpus.path("\(Corpus.tesseractTesting)/phototest.tif")
        let bomb = Corpus.path("scans/docspell/bombs/20K-rgb.png")
        let encrypted = Corpus.path("scans/docspell/secured/encrypted-test123.pdf")
        let rotated = Corpus.path("\(Corpus.tesseractTesting)/phototest-rotated-L.png")
        let outcome = try await OCRHarness(workers: 2).run([bomb, good, empty, encrypted, rotated])
        #expect(outcome.pages.map(\.path) == [good, rotated])
        #expect(outcome.failures.map(\.path) == [bomb, empty, encrypted])
        #expect(outcome.failures.map(\.code) == [.imageTooLarge, .emptyFile, .encryptedPDF])
    }
}
