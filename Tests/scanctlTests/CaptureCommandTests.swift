import Foundation
import GRDB
import Testing
@testable import ScanPipeline
import TestSupport

/// `scanctl run` on pages it once lost content or colour on (samples/capture): every page with
/// ink reaches a record, colours and layers are kept, and what cannot be read goes to review.
@Suite("scanctl run: faithful capture", .serialized)
struct CaptureCommandTests {
    static let capture = RunCommandTests.samples.deletingLastPathComponent().appendingPathComponent("capture")

    static func tool(_ name: String, _ arguments: [String], package: String = "poppler-utils") throws -> String {
        let output = try ExternalTool(name: name, package: package).run(arguments, timeout: 60)
        #expect(output.status == 0, "\(name) \(arguments): \(output.standardError)")
        return output.text
    }

    /// `pdfimages -list` rows: page num type width height color comp bpc enc interp object ID x-ppi y-ppi ...
    static func images(_ pdf: String) throws -> [[String]] {
        try tool("pdfimages", ["-list", pdf]).split(separator: "\n").dropFirst(2)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    }

    struct Record {
        var folder: URL
        var metadata: [String: Any]
        var pdf: String { folder.appendingPathComponent("document.pdf").path }
        var state: String { metadata["state"] as? String ?? "" }
        var reviewReason: String { (metadata["classification"] as? [String: Any])?["reviewReason"] as? String ?? "" }
    }

    /// The records of a workspace by the file name of their source.
    static func records(_ workspace: URL) throws -> [String: Record] {
        let folder = workspace.appendingPathComponent("records")
        var records: [String: Record] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            let record = folder.appendingPathComponent(name)
            let data = try Data(contentsOf: record.appendingPathComponent("metadata.json"))
            let metadata = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let source = try #require((metadata["source"] as? [String: Any])?["path"] as? String)
            records[(source as NSString).lastPathComponent] = Record(folder: record, metadata: metadata)
        }
        return records
    }

    @Test func everyPageWithInkReachesARecordWithItsColoursAndLayers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let run = try ScanCtlProcess.run(["run", Self.capture.path, "--workspace", workspace.path, "--json", "--jobs", "2"])
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try RunCommandTests.summary(run)
        #expect(summary["quarantined"] as? Int == 0)
        let records = try Self.records(workspace)
        #expect(records.count == 6)

        // Handwriting and a drawing: kept, and a records manager looks at them.
        for name in ["handschrift.jpg", "zeichnung.png"] {
            let record = try #require(records[name])
            #expect(record.state == "needs-review")
            #expect(record.reviewReason.contains("no text recognised on page 1: handwriting or drawing?"), "\(record.reviewReason)")
            #expect(record.metadata["pagesInRecord"] as? Int == 1)
        }

        // Colour stays colour, 1 bit stays 1 bit (G4), at the scan's resolution.
        let letterheadRecord = try #require(records["farbiger-briefkopf.jpg"])
        let letterhead = try #require(try Self.images(letterheadRecord.pdf).first)
        #expect(letterhead[5] == "rgb" && letterhead[12] == "300")
        let drawingRecord = try #require(records["zeichnung.png"])
        let drawing = try #require(try Self.images(drawingRecord.pdf).first)
        #expect(drawing[7] == "1" && drawing[8] == "ccitt")

        // The copier's compact PDF keeps its two layers, its page content and its size.
        let mrc = try #require(records["kopierer-mrc.pdf"])
        let layers = try Self.images(mrc.pdf)
        #expect(layers.count == 2)
        #expect(layers.contains { $0[2] == "image" && $0[5] == "rgb" && $0[12] == "150" })
        #expect(layers.contains { $0[2] == "stencil" && $0[12] == "300" })
        let source = Self.capture.appendingPathComponent("kopierer-mrc.pdf")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: mrc.pdf)[.size] as? Int)
        let sourceSize = try #require(try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? Int)
        #expect(size < sourceSize * 2, "record \(size) bytes, source \(sourceSize)")
        let expanded = try Self.tool("qpdf", ["--qdf", "--object-streams=disable", mrc.pdf, "-"], package: "qpdf")
        #expect(expanded.contains("/Bg Do") && expanded.contains("/Fg Do"), "the original content stream is gone")
        #expect(try Self.tool("pdfinfo", [mrc.pdf]).contains("595.28 x 841.89"))
        #expect(try Self.tool("pdftotext", [mrc.pdf, "-"]).contains("Bankverbindung"))
        // Judged by its text layer: 300 dpi, not flagged below 200.
        let pages = try #require(mrc.metadata["pages"] as? [[String: Any]])
        #expect(pages.count == 1)
        let flagged = try RunCommandTests.actions(workspace)
        #expect(flagged["page.derived"] == 6)
        let derived = try Self.pageDerived(workspace, file: source.path)
        #expect(derived["resolution"] as? Int == 300)
        #expect((derived["quality"] as? [String])?.isEmpty == true)
        #expect(derived["inkMarks"] as? Int ?? 0 > 100)

        // The page photographed on a dark desk: straightened, the same size as scanned, read.
        let dark = try #require(records["dunkler-hintergrund-schraeg.jpg"])
        #expect(try Self.tool("pdfinfo", [dark.pdf]).contains("636 x 876"))
        #expect(try Self.tool("pdftotext", [dark.pdf, "-"]).contains("Sondernutzungserlaubnis"))
        #expect(try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.path]).status == 0)
    }

    static func pageDerived(_ workspace: URL, file: String) throws -> [String: Any] {
        let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
        let payload = try queue.read { db in
            try String.fetchOne(db, sql: """
                SELECT e.payload FROM auditEvent e JOIN sourceFile s ON s.sha256 = e.file
                WHERE e.action = 'page.derived' AND s.path = ?
                """, arguments: [file])
        }
        let json = try #require(payload)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// Replacement scanning keeps every sheet: the blank back side stays in the record, marked.
    @Test func bestandsaktenKeepsBlankPagesInTheRecord() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let file = RunCommandTests.samples.appendingPathComponent("04-baumfaellung-antrag.tif").path
        let run = try ScanCtlProcess.run(["run", file, "--workspace", workspace.path, "--profile", "bestandsakten", "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let record = try #require(try Self.records(workspace).values.first)
        let pages = try #require(record.metadata["pages"] as? [[String: Any]])
        #expect(pages.count == 2)
        #expect(pages.allSatisfy { $0["inRecord"] as? Bool == true })
        #expect(pages.last?["blank"] as? Bool == true)
        #expect(try Self.tool("pdfinfo", [record.pdf]).contains("Pages:           2"))
    }

    /// A turned PDF page is turned with /Rotate, its content untouched, and its text layer lands
    /// on the text: every word the CLI finds on the page as rendered is found in the record.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))
    func aTurnedPDFPageKeepsItsContentAndGetsARotate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let cardinal = Corpus.path("scans/ocrmypdf/tests/resources/cardinal.pdf")
        let run = try ScanCtlProcess.run(["run", cardinal, "--workspace", workspace.path, "--lang", "eng", "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let record = try #require(try Self.records(workspace).values.first)
        let pages = try #require(record.metadata["pages"] as? [[String: Any]])
        #expect(pages.map { $0["rotation"] as? Int } == [0, 90, 180, 270])
        let expanded = try Self.tool("qpdf", ["--qdf", "--object-streams=disable", record.pdf, "-"], package: "qpdf")
        #expect(expanded.contains("/Rotate 90") && expanded.contains("/Rotate 180") && expanded.contains("/Rotate 270"))
        // Every page reads the same text the right way round.
        for page in 1...4 {
            let text = try Self.tool("pdftotext", ["-f", "\(page)", "-l", "\(page)", record.pdf, "-"])
            #expect(text.contains("LinnSequencer"), "page \(page): \(text.prefix(120))")
        }
    }
}
