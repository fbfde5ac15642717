import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
import TestSupport
#endif

/// Runs the built `scanctl` binary, as a user or a script would, and checks output and exit codes.
@Suite("scanctl ocr, end to end")
struct CommandLineTests {
    @Test func helpDocumentsTheExitCodes() throws {
        let result = try ScanCtlProcess.run(["ocr", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Exit codes"))
        #expect(result.standardOutput.contains("--format"))
    }

    @Test(arguments: [["ocr"], ["ocr", "--jobs", "0", "x.tif"], ["ocr", "--format", "pdf", "x.tif"], ["ocr", "--lang", "deu;rm", "x.tif"]])
    func rejectsInvalidArguments(arguments: [String]) throws {
        let result = try ScanCtlProcess.run(arguments)
        #expect(result.status == 64)
    }

    @Test func namesEveryBadFileAndExitsWithOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scanctl-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.tif").path
        let text = folder.appendingPathComponent("notes.png").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(FileManager.default.createFile(atPath: text, contents: Data("Aktennotiz".utf8)))

        let result = try ScanCtlProcess.run(["ocr", "--format", "json", "--quiet", empty, text])
        #expect(result.status == 1)
        #expect(result.standardError.contains("Error: \(empty): the file is empty (0 bytes) [empty-file]"))
        #expect(result.standardError.contains("Error: \(text): not a TIFF, PNG, JPEG or PDF file"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let failures = try #require(json["failures"] as? [[String: Any]])
        #expect(failures.compactMap { $0["code"] as? String } == ["empty-file", "unsupported-format"])
        #expect((json["pages"] as? [Any])?.isEmpty == true)
    }

    @Test func failsWithThreeWhenTheLanguageIsMissing() throws {
        let result = try ScanCtlProcess.run(["ocr", "--lang", "xyz", "--quiet", "any.tif"])
        #expect(result.status == 3)
        #expect(result.standardError.contains("'xyz'"))
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))
    func writesJSONAndWellFormedHOCRForSeveralFiles() throws {
        let files = [
            Corpus.path("scans/tesseract/testing/phototest.tif"),
            Corpus.path("scans/tesseract/testing/phototest-rotated-180.png"),
        ]
        let json = try ScanCtlProcess.run(["ocr", "--format", "json", "--jobs", "2", "--quiet"] + files)
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let pages = try #require(document["pages"] as? [[String: Any]])
        #expect(pages.compactMap { $0["path"] as? String } == files)
        #expect(pages.allSatisfy { ($0["text"] as? String)?.contains("quick brown dog") == true })
        #expect(((pages[1]["orientation"] as? [String: Any])?["appliedDegrees"] as? Int) == 180)
        let words = try #require(pages[0]["words"] as? [[String: Any]])
        #expect(words.first?["text"] as? String == "This")

        let hocr = try ScanCtlProcess.run(["ocr", "--format", "hocr", "--quiet"] + files)
        #expect(hocr.status == 0)
        let parser = XMLParser(data: Data(hocr.standardOutput.utf8))
        #expect(parser.parse(), "hOCR is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(hocr.standardOutput.components(separatedBy: "class='ocr_page'").count == 3)
        #expect(hocr.standardOutput.contains("id='page_2'"))
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))
    func printsTextWithAPageHeaderAndProgressOnStandardError() throws {
        let file = Corpus.path("scans/tesseract/testing/phototest.tif")
        let result = try ScanCtlProcess.run(["ocr", file])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("==> \(file) (page 1/1) <==\nThis is a lot of 12 point text"))
        #expect(result.standardError.contains("Recognised 1 page(s) from 1 file(s)"))
        #expect(!result.standardOutput.contains("Recognised"))
    }
}
