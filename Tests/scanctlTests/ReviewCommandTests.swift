import Foundation
import GRDB
import Testing
import TestSupport

/// `scanctl review` on a workspace with four sample letters: one filed automatically (632.10),
/// three in review, one of them marked confidential (Schutzbedarf hoch, so four eyes).
@Suite("scanctl review, end to end", .serialized)
struct ReviewCommandTests {
    static let letters = ["01-bauantrag-nachreichung.tif", "02-widerspruch-abfallgebuehren.png", "06-kita-platz.jpg",
                          "07-bewerbung-vertraulich.tif"]

    /// The scanned workspace, made once; each test works on its own copy.
    static let scanned = Task<URL, any Error> {
        let folder = try TemporaryFolder()
        let workspace = folder.url.appendingPathComponent("ws")
        let run = try ScanCtlProcess.run(["run", "--workspace", workspace.path, "--jobs", "2"]
                                         + letters.map { RunCommandTests.samples.appendingPathComponent($0).path })
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSDebugDescriptionErrorKey: run.standardError]) }
        try TestUsers.add(to: workspace)
        return workspace
    }

    struct Copy {
        let folder: TemporaryFolder
        let workspace: URL

        func scanctl(_ arguments: [String]) throws -> ScanCtlProcess.Result {
            try ScanCtlProcess.run(arguments + ["--workspace", workspace.path], input: TestUsers.input)
        }

        /// The document id of a letter.
        func id(_ letter: String) throws -> String {
            let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
            return try #require(try queue.read { db in
                try String.fetchOne(db, sql: "SELECT d.id FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile WHERE s.path LIKE ?",
                                    arguments: ["%" + letter])
            })
        }

        func metadata(_ id: String) throws -> [String: Any] {
            let data = try Data(contentsOf: workspace.appendingPathComponent("records/\(id)/metadata.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        func plan(_ id: String) throws -> String? { (try metadata(id)["plan"] as? [String: Any])?["code"] as? String }

        /// Payloads of the events with this action, oldest first.
        func payloads(_ action: String) throws -> [[String: Any]] {
            let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
            return try queue.read { db in
                try String.fetchAll(db, sql: "SELECT payload FROM auditEvent WHERE action = ? ORDER BY sequence", arguments: [action])
            }.compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }

        /// Events that change documents (logins, which every `--as` records, left out).
        func eventCount() throws -> Int {
            try RunCommandTests.actions(workspace).filter { !$0.key.hasPrefix("user.") }.values.reduce(0, +)
        }
    }

    func copy() async throws -> Copy {
        let folder = try TemporaryFolder()
        let workspace = folder.url.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: try await Self.scanned.value, to: workspace)
        return Copy(folder: folder, workspace: workspace)
    }

    @Test func listsTheQueueAndShowsADocument() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let list = try ws.scanctl(["review", "list", "--json"])
        #expect(list.status == 0, "\(list.standardError)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        #expect(items.count == 3 && items.allSatisfy { $0["state"] as? String == "needs-review" })
        let all = try ws.scanctl(["review", "list", "--state", "all"])
        #expect(all.standardOutput.contains("632.10") && all.standardOutput.contains("4 document(s)"))
        let unsure = try ws.scanctl(["review", "list", "--below", "0.5", "--json"])
        let below = try #require(try JSONSerialization.jsonObject(with: Data(unsure.standardOutput.utf8)) as? [[String: Any]])
        #expect(below.allSatisfy { ($0["confidence"] as? Double ?? 1) < 0.5 } && below.count < items.count)

        let kita = try ws.id("06-kita-platz.jpg")
        let show = try ws.scanctl(["review", "show", String(kita.prefix(6))])
        #expect(show.status == 0, "\(show.standardError)")
        for part in ["Suggestion", "462.10", "Candidates (probability; evidence)", "Text", "records/\(kita)/document.pdf",
                     "document.classified"] {
            #expect(show.standardOutput.contains(part), "\(part) missing in:\n\(show.standardOutput)")
        }
        let full = try ws.scanctl(["review", "show", String(kita.prefix(6)), "--text"])
        #expect(full.standardOutput.count > show.standardOutput.count && full.standardOutput.contains("Text:"))
        let policy = try ws.scanctl(["review", "policy"])
        #expect(policy.standardOutput.contains("the default") && policy.standardOutput.contains("Schutzbedarf hoch or higher"))
        let unknown = try ws.scanctl(["review", "show", "ffffffff"])
        #expect(unknown.status == 1 && unknown.standardError.contains("no document"))
    }

    @Test func aReclassificationNeedsAReasonAReviewerAndALeafOfThePlan() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let kita = String(try ws.id("06-kita-platz.jpg").prefix(8))
        let before = try ws.eventCount()
        let noReason = try ws.scanctl(["review", "reclassify", kita, "462.10", "--as", "a.schmidt"])
        #expect(noReason.status == 64 && noReason.standardError.contains("needs a reason"))
        let stranger = try ws.scanctl(["review", "reclassify", kita, "462.10", "--reason", "Kita place", "--as", "nobody"])
        #expect(stranger.status == 1 && stranger.standardError.contains("user name or password is wrong"), "\(stranger.standardError)")
        let unmapped = try ScanCtlProcess.run(["review", "reclassify", kita, "462.10", "--reason", "Kita place",
                                               "--workspace", ws.workspace.path])
        #expect(unmapped.status == 1 && unmapped.standardError.contains("not mapped to a scanctl user"), "\(unmapped.standardError)")
        let clerkApproves = try ws.scanctl(["review", "approve", kita, "--as", "c.braun"])
        #expect(clerkApproves.status == 1 && clerkApproves.standardError.contains("may not approve"), "\(clerkApproves.standardError)")
        let group = try ws.scanctl(["review", "reclassify", kita, "46", "--reason", "Kita", "--as", "a.schmidt"])
        #expect(group.status == 1 && group.standardError.contains("has subdivisions"))
        let unknown = try ws.scanctl(["review", "reclassify", kita, "999.99", "--reason", "Kita", "--as", "a.schmidt"])
        #expect(unknown.status == 1 && unknown.standardError.contains("not in the file plan"))
        #expect(try ws.eventCount() == before, "a refused review must change nothing")

        let id = try ws.id("02-widerspruch-abfallgebuehren.png")
        let done = try ws.scanctl(["review", "reclassify", String(id.prefix(8)), "701", "--reason", "About the bin, not the fee",
                                   "--as", "a.schmidt"])
        #expect(done.status == 0 && done.standardOutput.contains("filed - → 701"), "\(done.standardOutput)\(done.standardError)")
        let reviewed = try #require(try ws.payloads("document.reviewed").last)
        #expect(reviewed["previousCode"] == nil && reviewed["code"] as? String == "701")
        #expect(reviewed["reason"] as? String == "About the bin, not the fee" && reviewed["reviewer"] as? String == "a.schmidt")
        #expect(reviewed["previousState"] as? String == "needs-review" && reviewed["state"] as? String == "filed")
        let metadata = try ws.metadata(id)
        #expect(try ws.plan(id) == "701" && metadata["state"] as? String == "filed")
        #expect((metadata["review"] as? [String: Any])?["reason"] as? String == "About the bin, not the fee")
        // The PDF/A's XMP says the same (it is stored unfiltered).
        let pdf = String(decoding: try Data(contentsOf: ws.workspace.appendingPathComponent("records/\(id)/document.pdf")), as: UTF8.self)
        #expect(pdf.contains("<scanctl:planCode>701</scanctl:planCode>") && pdf.contains("<scanctl:state>filed</scanctl:state>"))
        #expect(try ws.payloads("record.rewritten").last?["planCode"] as? String == "701")
        #expect(try ws.scanctl(["audit", "verify"]).status == 0)
    }

    @Test func fourEyesForConfidentialDocumentsAndListedPlanNodes() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let application = try ws.id("07-bewerbung-vertraulich.tif")
        let short = String(application.prefix(8))
        let request = try ws.scanctl(["review", "reclassify", short, "021", "--reason", "Application for the advertised post",
                                      "--as", "a.schmidt"])
        #expect(request.status == 0 && request.standardOutput.contains("waits for a second reviewer"), "\(request.standardOutput)")
        #expect(try ws.plan(application) == "0", "nothing takes effect before the second reviewer")
        #expect(try ws.payloads("review.requested").first?["rule"] as? String == "Schutzbedarf hoch")
        #expect(try ws.scanctl(["review", "list"]).standardOutput.contains("awaiting approval: → 021 (a.schmidt)"))

        let same = try ws.scanctl(["review", "approve", short, "--as", "A.Schmidt"])
        #expect(same.status == 1 && same.standardError.contains("second, different reviewer"))
        let twice = try ws.scanctl(["review", "reclassify", short, "022", "--reason", "Other idea", "--as", "c.braun"])
        #expect(twice.status == 1 && twice.standardError.contains("waits for a second reviewer"))
        let approve = try ws.scanctl(["review", "approve", short, "--as", "b.meyer", "--reason", "checked the letter"])
        #expect(approve.status == 0 && approve.standardOutput.contains("approved: filed 0 → 021"), "\(approve.standardError)")
        #expect(try ws.plan(application) == "021")
        let reviewed = try #require(try ws.payloads("document.reviewed").last)
        #expect(reviewed["reviewer"] as? String == "a.schmidt" && reviewed["approvedBy"] as? String == "b.meyer")
        #expect(reviewed["previousCode"] as? String == "0" && reviewed["reason"] as? String == "Application for the advertised post")

        // A document of normal protection moved into a node with Schutzbedarf hoch (462.10) needs four eyes too.
        let kita = try ws.id("06-kita-platz.jpg")
        let intoHoch = try ws.scanctl(["review", "accept", String(kita.prefix(8)), "--as", "a.schmidt"])
        #expect(intoHoch.standardOutput.contains("waits for a second reviewer: 46 → 462.10 (four eyes: Schutzbedarf hoch of 462.10)"),
                "\(intoHoch.standardOutput)")

        // A listed plan node: moving a record into 70 (Abfallwirtschaft) needs four eyes too; rejected, nothing moves.
        try Data("four_eyes:\n  schutzbedarf: sehr-hoch\n  codes: [\"70\"]\n".utf8)
            .write(to: ws.workspace.appendingPathComponent("review-policy.yaml"))
        let waste = try ws.id("02-widerspruch-abfallgebuehren.png")
        let into = try ws.scanctl(["review", "accept", String(waste.prefix(8)), "--as", "a.schmidt"])
        #expect(into.standardOutput.contains("four eyes: plan code 702 is under 70"), "\(into.standardOutput)\(into.standardError)")
        let noReason = try ws.scanctl(["review", "reject", String(waste.prefix(8)), "--as", "b.meyer", "--reason", ""])
        #expect(noReason.status == 64 && noReason.standardError.contains("needs a reason"))
        let reject = try ws.scanctl(["review", "reject", String(waste.prefix(8)), "--as", "b.meyer", "--reason", "a fee matter: 9"])
        #expect(reject.status == 0 && reject.standardOutput.contains("rejected"), "\(reject.standardError)")
        #expect(try ws.plan(waste) == nil)
        let rejected = try #require(try ws.payloads("review.rejected").last)
        #expect(rejected["reason"] as? String == "a fee matter: 9" && rejected["withdrawn"] as? Bool == false)

        try Data("four_eyes:\n  schutzbedarf: extreme\n".utf8).write(to: ws.workspace.appendingPathComponent("review-policy.yaml"))
        let broken = try ws.scanctl(["review", "accept", String(waste.prefix(8)), "--as", "a.schmidt"])
        #expect(broken.status == 2 && broken.standardError.contains("review-policy.yaml"))
        #expect(try ws.scanctl(["audit", "verify"]).status == 0)
    }

    @Test func bulkAcceptWithADryRunFirst() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let before = try ws.eventCount()
        let dry = try ws.scanctl(["review", "accept", "--state", "needs-review", "--dry-run", "--as", "a.schmidt"])
        #expect(dry.status == 0 && dry.standardOutput.contains("dry run: nothing changed"), "\(dry.standardError)")
        #expect(dry.standardOutput.components(separatedBy: "would").count - 1 == 3)
        #expect(try ws.eventCount() == before)

        let both = try ws.scanctl(["review", "accept", "06-kita", "--state", "filed", "--as", "a.schmidt"])
        #expect(both.status == 64 && both.standardError.contains("not both"))
        let bulk = try ws.scanctl(["review", "accept", "--state", "needs-review", "--as", "a.schmidt", "--json"])
        #expect(bulk.status == 0, "\(bulk.standardError)")
        let outcomes = try #require(try JSONSerialization.jsonObject(with: Data(bulk.standardOutput.utf8)) as? [[String: Any]])
        // 02 is filed under 702; 06 (into 462.10, Schutzbedarf hoch) and 07 (hoch itself) wait for four eyes.
        #expect(outcomes.map { $0["result"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") }
                == ["awaiting-approval", "awaiting-approval", "reclassified"])
        let reviewed = try ws.payloads("document.reviewed")
        let requested = try ws.payloads("review.requested")
        #expect(reviewed.count == 1 && requested.count == 2)
        #expect(Set((reviewed + requested).compactMap { $0["bulk"] as? String }).count == 1, "one bulk id for the whole command")
        let left = try ws.scanctl(["review", "list", "--json"])
        let queue = try #require(try JSONSerialization.jsonObject(with: Data(left.standardOutput.utf8)) as? [[String: Any]])
        #expect(queue.count == 2 && queue.allSatisfy { $0["pending"] != nil })
    }

    @Test func reviewedRecordsAreExportedAgainAndTeachTheModel() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let out = ws.folder.url.appendingPathComponent("export")
        #expect(try ws.scanctl(["export", "--target", "json", "--state", "all", "--out", out.path]).status == 0)
        let waste = String(try ws.id("02-widerspruch-abfallgebuehren.png").prefix(8))
        #expect(try ws.scanctl(["review", "reclassify", waste, "701", "--reason", "About the bin", "--as", "a.schmidt"]).status == 0)
        let again = try ws.scanctl(["export", "--target", "json", "--state", "all", "--out", out.path])
        #expect(again.standardOutput.contains("1 record(s) written, 3 unchanged"), "\(again.standardOutput)")

        let corpus = try EvalCommandTests.writeCorpus(in: ws.folder)
        let plain = try ws.scanctl(["train", "--corpus", corpus.path, "--json"])
        let learned = try ws.scanctl(["train", "--corpus", corpus.path, "--from-reviews", "--json"])
        #expect(plain.status == 0 && learned.status == 0, "\(plain.standardError)\(learned.standardError)")
        let versions = try [plain, learned].map { result in
            try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        }
        #expect(versions[0]["documents"] as? Int == 27 && versions[1]["documents"] as? Int == 28)
        #expect(versions[0]["model"] as? String != versions[1]["model"] as? String, "the correction must change the model")
    }

    @Test func anInterruptedRecordRewriteIsFinishedBeforeExport() async throws {
        let ws = try await copy()
        defer { ws.folder.remove() }
        let id = try ws.id("01-bauantrag-nachreichung.tif")
        // As if a review committed its change and the process died before rewriting the files.
        var metadata = try ws.metadata(id)
        var plan = try #require(metadata["plan"] as? [String: Any])
        plan["code"] = "632.20"
        metadata["plan"] = plan
        let pending = String(decoding: try JSONSerialization.data(withJSONObject: metadata), as: UTF8.self)
        let queue = try DatabaseQueue(path: ws.workspace.appendingPathComponent("scanctl.sqlite").path)
        try await queue.write { db in try db.execute(sql: "UPDATE document SET pendingRecord = ? WHERE id = ?", arguments: [pending, id]) }
        #expect(try ws.plan(id) == "632.10")

        let export = try ws.scanctl(["export", "--target", "json", "--out", ws.folder.path("export")])
        #expect(export.status == 0, "\(export.standardError)")
        #expect(try ws.plan(id) == "632.20")
        #expect(try ws.payloads("record.rewritten").count == 1)
        let manifest = try String(contentsOfFile: ws.folder.path("export/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("632.20"))
    }
}
