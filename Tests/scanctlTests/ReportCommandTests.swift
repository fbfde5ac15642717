import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
import TestSupport
#endif

/// `scanctl report` on the review workspace after some reviews and a quarantined file: the HTML is
/// well-formed (it parses as XML), its counts are right, and headless Chromium renders it.
@Suite("scanctl report, end to end", .serialized)
struct ReportCommandTests {
    static let chromium = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")

    func reviewedWorkspace() async throws -> ReviewCommandTests.Copy {
        let folder = try TemporaryFolder()
        let workspace = folder.url.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: try await ReviewCommandTests.scanned.value, to: workspace)
        let ws = ReviewCommandTests.Copy(folder: folder, workspace: workspace)
        let waste = String(try ws.id("02-widerspruch-abfallgebuehren.png").prefix(8))
        let application = String(try ws.id("07-bewerbung-vertraulich.tif").prefix(8))
        #expect(try ws.scanctl(["review", "accept", waste, "--as", "a.schmidt"]).status == 0)
        #expect(try ws.scanctl(["review", "reclassify", application, "021", "--reason", "Application", "--as", "a.schmidt"])
            .status == 0)
        let broken = try folder.write("broken <scan>.pdf", "%PDF-1.4\nthis is not a PDF")
        let run = try ScanCtlProcess.run(["run", broken, "--workspace", workspace.path])
        #expect(run.status == 0 && run.standardError.contains("quarantine"), "the broken file is quarantined: \(run.standardError)")
        return ws
    }

    @Test func writesAWellFormedReportWithTheRightCounts() async throws {
        let ws = try await reviewedWorkspace()
        defer { ws.folder.remove() }
        let out = ws.folder.path("report.html")
        let result = try ws.scanctl(["report", "--out", out])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("5 document(s), 2 in review, 1 quarantined, audit trail intact"))

        let html = try XMLDocument(contentsOf: URL(fileURLWithPath: out))
        func count(_ name: String, in scope: String = "") throws -> Int? {
            try html.nodes(forXPath: "\(scope)//td[@data-count='\(name)']").first?.stringValue.flatMap { Int($0) }
        }
        #expect(try count("documents") == 5 && count("pages") == 6)
        #expect(try count("filed-automatically") == 1 && count("filed-after-review") == 1)
        #expect(try count("in-review") == 2 && count("awaiting-approval") == 1 && count("quarantined") == 1)
        #expect(try html.nodes(forXPath: "//*[local-name()='svg']").count == 3)

        // In review: 06 and 07, each with a thumbnail of its first page.
        let rows = try html.nodes(forXPath: "//section[@id='review']//tr[@data-document]")
        #expect(rows.count == 2)
        #expect(try html.nodes(forXPath: "//section[@id='review']//img[starts-with(@src, 'data:image/png;base64,')]").count == 2)
        #expect(try html.nodes(forXPath: "//section[@id='review']").first?.stringValue?.contains("wartet auf eine zweite Person") == true)

        let quarantine = try #require(try html.nodes(forXPath: "//section[@id='quarantine']").first?.stringValue)
        #expect(quarantine.contains("broken <scan>.pdf") && quarantine.contains("corrupt-file")
                && quarantine.contains("cannot be opened"), "\(quarantine)")
        let schmidt = "//tr[@data-reviewer='a.schmidt']"
        #expect(try count("accepted", in: schmidt) == 1 && count("requested", in: schmidt) == 1 && count("reclassified", in: schmidt) == 0)
        #expect(try html.nodes(forXPath: "//p[@data-audit='intact']").count == 1)
        #expect(try html.nodes(forXPath: "//section[@id='batches']//tr").count == 3)  // header and two batches

        let one = try ws.scanctl(["report", "--out", ws.folder.path("one.html"), "--batch", "nope"])
        #expect(one.status == 0 && one.standardOutput.contains("0 document(s)"))
    }

    @Test(.enabled(if: ReportCommandTests.chromium, "Debian's chromium is not installed (scripts/test.sh installs it)"))
    func rendersInHeadlessChromium() async throws {
        let ws = try await reviewedWorkspace()
        defer { ws.folder.remove() }
        let out = ws.folder.path("report.html")
        #expect(try ws.scanctl(["report", "--out", out]).status == 0)
        let script = RunCommandTests.samples.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/render-report.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, out, ws.folder.path("report.png"), "1000"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: ws.folder.path("report.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "\(png.count) bytes")
        // Width from the PNG header (big-endian at byte 16): the window asked for.
        #expect(png[16..<20].reduce(0) { $0 << 8 | Int($1) } == 1000)
    }
}
