import Foundation
import GRDB
import Testing
import TestSupport

/// `scanctl rescan` end to end, with real Tesseract: a page the quality gate flagged (150 dpi, no
/// text) is replaced by a good scan, or its flag is accepted with a reason; the record, its
/// history and the audit trail show old and new page hashes, and the record files verify.
@Suite("scanctl rescan, end to end", .serialized)
struct RescanCommandTests {
    struct Scene {
        let folder = try! TemporaryFolder(prefix: "scanctl-rescan")
        var workspace: String { folder.path("ws") }

        func scanctl(_ arguments: [String]) throws -> ScanCtlProcess.Result {
            try ScanCtlProcess.run(arguments + ["--workspace", workspace], input: TestUsers.input)
        }

        /// A batch of one poor page (150 dpi, a bar and no text): filed or in review, flagged.
        func flaggedDocument() throws -> (id: String, record: String) {
            let inbox = folder.url.appendingPathComponent("in")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            try PNGWriter.write(count: 1, into: inbox, dpi: 150)
            let run = try scanctl(["run", inbox.path, "--json", "--jobs", "1"])
            let document = try #require((try RunCommandTests.summary(run)["documents"] as? [[String: Any]])?.first, "\(run.standardError)")
            try TestUsers.add(to: URL(fileURLWithPath: workspace))
            return (try #require(document["document"] as? String), try #require(document["recordPath"] as? String))
        }

        func metadata(_ record: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: record + "/metadata.json")))
                         as? [String: Any])
        }

        func events(_ action: String) throws -> [[String: Any]] {
            try DatabaseQueue(path: workspace + "/scanctl.sqlite").read { db in
                try String.fetchAll(db, sql: "SELECT payload FROM auditEvent WHERE action = ? ORDER BY sequence", arguments: [action])
            }.compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
    }

    @Test func aFlaggedPageIsReplacedByARescanAndTheRecordKeepsBothHashes() throws {
        let scene = Scene()
        defer { scene.folder.remove() }
        let (id, record) = try scene.flaggedDocument()
        let before = try #require((try scene.metadata(record)["pages"] as? [[String: Any]])?.first)
        let flags = try #require(before["rescan"] as? [String], "the 150 dpi page is flagged: \(before)")
        #expect(flags.contains { $0.contains("150 dpi") })
        let oldHash = try #require(before["imageSHA256"] as? String)

        #expect(try scene.scanctl(["rescan", String(id.prefix(8)), "--page", "2", RunCommandTests.sampleFiles[7], "--as", "a.schmidt"])
                .status == 1, "the document has one page")
        let rescan = try scene.scanctl(["rescan", String(id.prefix(8)), "--page", "1", RunCommandTests.sampleFiles[7], "--as", "a.schmidt",
                                        "--reason", "Auflösung zu niedrig", "--json"])
        #expect(rescan.status == 0, "\(rescan.standardError)")

        let metadata = try scene.metadata(record)
        #expect(metadata["state"] as? String == "needs-review", "a person looks at the new page")
        let page = try #require((metadata["pages"] as? [[String: Any]])?.first)
        let newHash = try #require(page["imageSHA256"] as? String)
        #expect(newHash != oldHash && page["rescan"] == nil, "\(page)")
        let history = try #require((metadata["rescans"] as? [[String: Any]])?.first)
        #expect(history["kind"] as? String == "replaced" && history["by"] as? String == "a.schmidt")
        let replaced = try #require((history["pages"] as? [[String: Any]])?.first)
        #expect(replaced["oldImageSHA256"] as? String == oldHash && replaced["newImageSHA256"] as? String == newHash)
        #expect((replaced["flags"] as? [String])?.isEmpty == false)

        let event = try #require(try scene.events("document.rescanned").first)
        #expect(event["by"] as? String == "a.schmidt" && event["reason"] as? String == "Auflösung zu niedrig")
        let eventPage = try #require((event["pages"] as? [[String: Any]])?.first)
        #expect(eventPage["oldImageSHA256"] as? String == oldHash && eventPage["newImageSHA256"] as? String == newHash)
        // The record's PDF has the new page's text, and every record file is the one the trail recorded.
        let text = try ScanCtlProcess.output("/usr/bin/pdftotext", [record + "/document.pdf", "-"])
        #expect(text.contains("Straße") || text.contains("Strasse"), "\(text.prefix(300))")
        let verify = try scene.scanctl(["audit", "verify", "--records"])
        #expect(verify.status == 0, "\(verify.standardOutput)")
        #expect(try scene.events("record.rewritten").count == 1)
        // The report lists the page as replaced, by whom and why.
        let html = scene.folder.path("bericht.html")
        #expect(try scene.scanctl(["report", "--out", html]).status == 0)
        let report = try String(contentsOfFile: html, encoding: .utf8)
        #expect(report.contains("data-rescan=\"replaced\"") && report.contains("Auflösung zu niedrig") && !report.contains("data-rescan=\"open\""))
    }

    @Test func aFlagIsAcceptedWithAReasonOrNotAtAll() throws {
        let scene = Scene()
        defer { scene.folder.remove() }
        let (id, record) = try scene.flaggedDocument()
        #expect(try scene.scanctl(["rescan", id, "--page", "1", "--accept", "--as", "a.schmidt"]).status == 64, "no reason")
        #expect(try scene.scanctl(["rescan", id, "--page", "1", "--accept", "--reason", "Vorlage ist so blass", "--as", "c.braun"])
                .status == 0, "the Registratur may accept a flag")
        let metadata = try scene.metadata(record)
        let page = try #require((metadata["pages"] as? [[String: Any]])?.first)
        #expect(page["rescan"] == nil, "resolved: \(page)")
        let history = try #require((metadata["rescans"] as? [[String: Any]])?.first)
        #expect(history["kind"] as? String == "accepted" && history["reason"] as? String == "Vorlage ist so blass")
        #expect(try scene.events("document.rescan-accepted").first?["by"] as? String == "c.braun")
        let open = try DatabaseQueue(path: scene.workspace + "/scanctl.sqlite").read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM page WHERE quality IS NOT NULL")
        }
        #expect(open == 0, "the page no longer counts as flagged")
        #expect(try scene.scanctl(["rescan", id, "--page", "1", "--accept", "--reason", "noch einmal", "--as", "a.schmidt"]).status == 1,
                "a page not flagged any more")
        #expect(try scene.scanctl(["audit", "verify", "--records"]).status == 0)
    }

    /// A two-page file whose second page is blank (left out of the record): replacing the first
    /// keeps one page in the PDF; a rescan of the blank one with ink brings it into the record.
    /// A PDF as the rescan and a record changed behind scanctl's back are refused.
    @Test func pagesLeftOutOfTheRecordAndRefusals() throws {
        let scene = Scene()
        defer { scene.folder.remove() }
        let sample = RunCommandTests.sampleFiles.first { $0.hasSuffix("04-baumfaellung-antrag.tif") }!
        let run = try scene.scanctl(["run", sample, "--json", "--jobs", "1"])
        let document = try #require((try RunCommandTests.summary(run)["documents"] as? [[String: Any]])?.first, "\(run.standardError)")
        let id = try #require(document["document"] as? String)
        let record = try #require(document["recordPath"] as? String)
        try TestUsers.add(to: URL(fileURLWithPath: scene.workspace))
        func pdfPages() throws -> Int {
            Int(try ScanCtlProcess.output("/usr/bin/qpdf", ["--show-npages", record + "/document.pdf"])
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        let pages = try #require(try scene.metadata(record)["pages"] as? [[String: Any]])
        try #require(pages.count == 2 && pages[1]["inRecord"] as? Bool == false, "the second page is blank and left out: \(pages)")
        #expect(try pdfPages() == 1)

        let letter = RunCommandTests.sampleFiles[7]
        let pdf = RunCommandTests.sampleFiles.first { $0.hasSuffix(".pdf") }!
        let refusedPDF = try scene.scanctl(["rescan", id, "--page", "1", pdf, "--as", "a.schmidt"])
        #expect(refusedPDF.status == 1 && refusedPDF.standardError.contains("not a PDF"), "\(refusedPDF.standardError)")

        #expect(try scene.scanctl(["rescan", id, "--page", "1", letter, "--as", "a.schmidt"]).status == 0)
        #expect(try pdfPages() == 1, "the blank page stays out")
        let third = RunCommandTests.sampleFiles[2]
        #expect(try scene.scanctl(["rescan", id, "--page", "2", third, "--as", "a.schmidt"]).status == 0)
        let metadata = try scene.metadata(record)
        #expect(try pdfPages() == 2 && metadata["pagesInRecord"] as? Int == 2, "the rescanned page with ink is in the record")
        #expect(try scene.scanctl(["audit", "verify", "--records"]).status == 0)

        // Changed behind scanctl's back: not taken for its own.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: record + "/document.pdf"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("%tampered\n".utf8))
        try handle.close()
        let tampered = try scene.scanctl(["rescan", id, "--page", "1", letter, "--as", "a.schmidt"])
        #expect(tampered.status != 0, "\(tampered.standardError)")
        #expect(try scene.events("document.rescanned").count == 2, "the refused rescan wrote nothing")
    }
}
