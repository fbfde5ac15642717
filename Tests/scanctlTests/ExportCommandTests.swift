import Foundation
import GRDB
import Testing
@testable import ScanPipeline
import TestSupport

/// `scanctl export` on records that `scanctl run` made from two sample letters.
@Suite("scanctl export, end to end", .serialized)
struct ExportCommandTests {
    static func exportedEvents(_ workspace: URL) throws -> Int {
        try RunCommandTests.actions(workspace)["record.exported"] ?? 0
    }

    @Test func writesJSONAndD3IdempotentlyAndAuditsEachRecord() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let letters = ["03-hundesteuer-abmeldung.jpg", "08-strassenschaden.png", "05-gewerbeanmeldung.pdf"]
        let run = try ScanCtlProcess.run(["run", "--workspace", workspace.path, "--json", "--jobs", "2"]
                                         + letters.map { RunCommandTests.samples.appendingPathComponent($0).path })
        #expect(run.status == 0, "\(run.standardError)")
        let documents = try #require(try RunCommandTests.summary(run)["documents"] as? [[String: Any]])
        let filed = documents.filter { $0["state"] as? String == "filed" }.compactMap { $0["document"] as? String }.sorted()
        #expect(filed.count == 2, "\(documents)")

        // JSON: the filed records, their files, and a manifest whose hashes match them.
        let json = folder.url.appendingPathComponent("out-json")
        let first = try ScanCtlProcess.run(["export", "--target", "json", "--out", json.path, "--workspace", workspace.path, "--json"])
        #expect(first.status == 0, "\(first.standardError)")
        let manifestData = try Data(contentsOf: json.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let entries = try #require(manifest["records"] as? [[String: Any]])
        #expect(entries.compactMap { $0["record"] as? String } == filed)
        for entry in entries {
            let pdf = try Data(contentsOf: json.appendingPathComponent(try #require(entry["pdf"] as? String)))
            #expect(pdf.starts(with: Data("%PDF".utf8)))
            #expect(pdf.sha256Hex == entry["pdfSHA256"] as? String)
        }
        #expect(try Self.exportedEvents(workspace) == 2)

        // Again into the same folder: nothing written, nothing audited, reported.
        let again = try ScanCtlProcess.run(["export", "--target", "json", "--out", json.path, "--workspace", workspace.path])
        #expect(again.status == 0 && again.standardOutput.contains("0 record(s) written, 2 unchanged"), "\(again.standardOutput)")
        #expect(try Self.exportedEvents(workspace) == 2)

        // d.3 with a mapping: a .jpl beside each PDF; the review queue on request.
        let mapping = try folder.write("d3.yaml", "dokuart: POST\nfields:\n  - field: 1\n    value: plan.code\n  - field: 6\n    value: retention.end\n")
        let d3 = folder.url.appendingPathComponent("out-d3")
        let exported = try ScanCtlProcess.run(["export", "--target", "d3", "--mapping", mapping, "--state", "all",
                                               "--out", d3.path, "--workspace", workspace.path])
        #expect(exported.status == 0, "\(exported.standardError)")
        let jpls = try FileManager.default.contentsOfDirectory(atPath: d3.path).filter { $0.hasSuffix(".jpl") }
        #expect(jpls.count == 3)
        for name in jpls {
            let text = try String(contentsOf: d3.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("dokuart = \"POST\"\r\n"), "\(text)")
            #expect(FileManager.default.fileExists(atPath: d3.appendingPathComponent(name.replacingOccurrences(of: ".jpl", with: ".pdf")).path))
        }
        #expect(try Self.exportedEvents(workspace) == 5)
        // d.3 takes the files away once imported: exporting again must not hand them over twice.
        for name in try FileManager.default.contentsOfDirectory(atPath: d3.path) {
            try FileManager.default.removeItem(at: d3.appendingPathComponent(name))
        }
        let repeated = try ScanCtlProcess.run(["export", "--target", "d3", "--mapping", mapping, "--state", "all",
                                               "--out", d3.path, "--workspace", workspace.path])
        #expect(repeated.status == 0 && repeated.standardOutput.contains("0 record(s) written, 3 unchanged"), "\(repeated.standardOutput)")
        #expect(try Self.exportedEvents(workspace) == 5)
        let badCode = try ScanCtlProcess.run(["export", "--target", "json", "--code", "6x/", "--out", folder.path("out-code"),
                                              "--workspace", workspace.path])
        #expect(badCode.status == 1 && badCode.standardError.contains("is not a plan code"), "\(badCode.standardError)")
        #expect(try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.path]).status == 0)

        // A broken mapping or a missing record: a clear error, and nothing written.
        let broken = try folder.write("broken.yaml", "dokuart: POST\nfields:\n  - field: 1\n    value: nonsense\n")
        let refused = try ScanCtlProcess.run(["export", "--target", "d3", "--mapping", broken, "--out", folder.path("out-broken"),
                                              "--workspace", workspace.path])
        #expect(refused.status == 1 && refused.standardError.contains("unknown value 'nonsense'"), "\(refused.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("out-broken")))
        let record = workspace.appendingPathComponent("records/\(filed[0])/metadata.json")
        try FileManager.default.removeItem(at: record)
        let missing = try ScanCtlProcess.run(["export", "--target", "json", "--out", folder.path("out-missing"), "--workspace", workspace.path])
        // A record file gone since it was written is an integrity failure of the workspace (exit 2).
        #expect(missing.status == 2 && missing.standardError.contains("records/\(filed[0])/metadata.json: missing (SHA-256 "),
                "\(missing.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("out-missing")))
    }
}
