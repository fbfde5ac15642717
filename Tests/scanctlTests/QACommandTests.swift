import Foundation
import Testing
import TestSupport

/// `scanctl qa` end to end, with real Tesseract on two generated pages: a round drawn with a seed,
/// both pages checked (one defect), the release refused while the defect is open and for a
/// registratur, given by a records manager once the page is rescanned and checked in order again;
/// the trail verifies.
@Suite("scanctl qa, end to end", .serialized)
struct QACommandTests {
    struct Scene {
        let folder = try! TemporaryFolder(prefix: "scanctl-qa")
        var workspace: String { folder.path("ws") }

        func scanctl(_ arguments: [String]) throws -> ScanCtlProcess.Result {
            try ScanCtlProcess.run(arguments + ["--workspace", workspace], input: TestUsers.input)
        }

        func json(_ arguments: [String]) throws -> [String: Any] {
            let result = try scanctl(arguments + ["--json"])
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
                                "\(result.standardOutput)")
        }

        /// A batch of two clean pages (300 dpi), filed or in review; the batch id.
        func batch() throws -> String {
            let inbox = folder.url.appendingPathComponent("in")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            try PNGWriter.write(count: 2, into: inbox)
            let run = try scanctl(["run", inbox.path, "--json", "--jobs", "1"])
            try TestUsers.add(to: URL(fileURLWithPath: workspace))
            return try #require(try RunCommandTests.summary(run)["batch"] as? String, "\(run.standardError)")
        }
    }

    @Test func aSampleIsDrawnCheckedAndThePaperReleasedOnceNothingIsOpen() throws {
        let scene = Scene()
        defer { scene.folder.remove() }
        let batch = try scene.batch()
        let short = String(batch.prefix(8))

        #expect(try scene.scanctl(["qa", "sample", "--batch", short, "--count", "2", "--rate", "5"]).status == 64)
        let round = try scene.json(["qa", "sample", "--batch", short, "--count", "2", "--seed", "77", "--accept", "1", "--as", "c.braun"])
        #expect(round["seed"] as? String == "77" && round["sampleSize"] as? Int == 2 && round["drawnBy"] as? String == "c.braun")
        let pages = try #require(round["pages"] as? [[String: Any]]).compactMap { ($0["page"] as? [String: Any])?["reference"] as? String }
        #expect(pages.count == 2)

        #expect(try scene.scanctl(["qa", "check", pages[0], "--defect", "cut-off", "--as", "c.braun"]).status == 64, "a defect needs a note")
        let defect = try scene.json(["qa", "check", pages[0], "--defect", "cut-off", "--note", "Rand fehlt", "--as", "c.braun"])
        #expect(defect["outcome"] as? String == "defect" && defect["checkedBy"] as? String == "c.braun")
        let ok = try scene.scanctl(["qa", "check", pages[1], "--ok", "--as", "c.braun"])
        #expect(ok.status == 0 && ok.standardOutput.contains("in order"), "\(ok.standardOutput)\(ok.standardError)")

        let status = try scene.scanctl(["qa", "status", "--batch", short])
        #expect(status.status == 0 && status.standardOutput.contains("verdict: passed"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("open defect"), "\(status.standardOutput)")
        let refused = try scene.scanctl(["qa", "release", "--batch", short, "--as", "b.meyer"])
        #expect(refused.status == 1 && refused.standardError.contains(pages[0]), "\(refused.standardError)")
        let forbidden = try scene.scanctl(["qa", "release", "--batch", short, "--as", "c.braun"])
        #expect(forbidden.status == 1 && forbidden.standardError.contains("forbidden"), "\(forbidden.standardError)")

        // The page rescanned (its image changes), then checked again: the later check supersedes the defect.
        let document = String(pages[0].prefix(8))
        let rescan = try scene.scanctl(["rescan", document, "--page", String(pages[0].split(separator: ":")[1]),
                                        RunCommandTests.sampleFiles[7], "--as", "b.meyer", "--reason", "Rand fehlte"])
        #expect(rescan.status == 0, "\(rescan.standardError)")
        let recheck = try scene.json(["qa", "check", pages[0], "--ok", "--as", "b.meyer"])
        #expect(recheck["outcome"] as? String == "ok" && recheck["checkedBy"] as? String == "b.meyer")
        let drawn = try #require(round["pages"] as? [[String: Any]])
            .first { ($0["page"] as? [String: Any])?["reference"] as? String == pages[0] }
        let drawnImage = drawn?["imageSHA256"] as? String
        #expect(recheck["imageSHA256"] as? String != drawnImage, "the check compared the rescanned page")
        let released = try scene.json(["qa", "release", "--batch", short, "--reason", "Vernichtung freigegeben", "--as", "b.meyer"])
        let release = try #require(released["release"] as? [String: Any])
        #expect(release["by"] as? String == "b.meyer" && release["reason"] as? String == "Vernichtung freigegeben")
        #expect(try scene.scanctl(["qa", "release", "--batch", short, "--as", "b.meyer"]).status == 1, "released once")
        let after = try scene.json(["qa", "status", "--batch", short])
        #expect((after["checks"] as? [Any])?.count == 3 && after["verdict"] as? String == "passed" && after["mayRelease"] as? Bool == false)
        let verify = try scene.scanctl(["audit", "verify"])
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        let log = try scene.scanctl(["audit", "log", "--batch", short])
        for action in ["qa.sample-drawn", "qa.page-checked", "qa.released"] {
            #expect(log.standardOutput.contains(action), "\(action)")
        }
    }
}
