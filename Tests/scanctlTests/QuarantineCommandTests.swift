import Foundation
import GRDB
import Testing
@testable import ScanPipeline
import TestSupport

/// `scanctl quarantine` end to end: a file put aside, its cause fixed, then retried (by the
/// command, or by `scanctl run` given the same file again) or released with a reason.
@Suite("scanctl quarantine, end to end", .serialized)
struct QuarantineCommandTests {
    static let letter = RunCommandTests.samples.appendingPathComponent("08-strassenschaden.png")

    struct Scene {
        let folder = try! TemporaryFolder()
        var workspace: URL { folder.url.appendingPathComponent("ws") }
        /// Where the scan lies, as an operator's scanner folder would hold it.
        var scan: String { folder.path("letter.png") }

        func scanctl(_ arguments: [String]) throws -> ScanCtlProcess.Result {
            // The password of whoever acts (`--as`) on standard input; the workspace's users are TestUsers.
            try ScanCtlProcess.run(arguments + ["--workspace", workspace.path], input: TestUsers.input)
        }

        /// The good sample letter, or its first half (a scan cut off in transfer).
        func putScan(truncated: Bool) throws {
            let data = try Data(contentsOf: QuarantineCommandTests.letter)
            try? FileManager.default.removeItem(atPath: scan)
            try (truncated ? data.prefix(data.count / 2) : data).write(to: URL(fileURLWithPath: scan))
        }

        func json<T>(_ result: ScanCtlProcess.Result, as: T.Type = [String: Any].self) throws -> T {
            try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? T,
                         "stdout: \(result.standardOutput)\nstderr: \(result.standardError)")
        }

        /// The quarantine list, as scripts read it.
        func entries() throws -> [[String: Any]] {
            let list = try scanctl(["quarantine", "list", "--json"])
            #expect(list.status == 0, "\(list.standardError)")
            return try json(list, as: [[String: Any]].self)
        }

        func payloads(_ action: String) throws -> [[String: Any]] {
            let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
            return try queue.read { db in
                try String.fetchAll(db, sql: "SELECT payload FROM auditEvent WHERE action = ? ORDER BY sequence", arguments: [action])
            }.compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }

        /// Documents with a record, and documents not put aside, for one SHA-256.
        func counts(sha256: String) throws -> (records: Int, live: Int) {
            let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
            return try queue.read { db in
                let records = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE sourceFile = ? AND recordPath IS NOT NULL",
                                               arguments: [sha256]) ?? 0
                let live = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM document WHERE sourceFile = ? AND state NOT IN ('quarantined', 'released', 'retried')
                    """, arguments: [sha256]) ?? 0
                return (records, live)
            }
        }

        func verifyAuditTrail() throws {
            let verify = try scanctl(["audit", "verify"])
            #expect(verify.status == 0, "\(verify.standardOutput)")
        }
    }

    static var letterSHA256: String {
        get throws { try Data(contentsOf: letter).sha256Hex }
    }

    /// A truncated scan is quarantined; a good scan is put in its place; retry files it as one
    /// record, closes the quarantined document with quarantine.retried, and a second retry or
    /// the same good file run again files nothing more.
    @Test func retryFilesAReplacementOnceTheCauseIsFixed() throws {
        let scene = Scene()
        defer { scene.folder.remove() }
        try scene.putScan(truncated: true)
        let first = try scene.scanctl(["run", scene.scan, "--json", "--jobs", "1", "--quiet"])
        try TestUsers.add(to: scene.workspace)
        #expect(first.status == 0, "\(first.standardError)")

        var entries = try scene.entries()
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        let id = try #require(entry["id"] as? String)
        #expect(entry["status"] as? String == "open" && entry["state"] as? String == "quarantined")
        #expect(entry["source"] as? String == scene.scan && entry["code"] as? String == "corrupt-file")
        #expect(entry["batch"] is String && entry["quarantinedAt"] is String && entry["reason"] is String)
        let copy = try #require(entry["storedAs"] as? String)
        #expect(FileManager.default.fileExists(atPath: copy))
        #expect(FileManager.default.fileExists(atPath: try #require(entry["reasonFile"] as? String)))
        let table = try scene.scanctl(["quarantine", "list"])
        #expect(table.standardOutput.contains(String(id.prefix(8))) && table.standardOutput.contains("open"))

        try scene.putScan(truncated: false)
        let retry = try scene.scanctl(["quarantine", "retry", "--as", "a.schmidt", String(id.prefix(6)), "--json", "--jobs", "1",
                                       "--quiet"])
        #expect(retry.status == 0, "\(retry.standardError)")
        let retried = try #require((try scene.json(retry)["retries"] as? [[String: Any]])?.first)
        #expect(retried["status"] as? String == "retried" && retried["replacement"] as? Bool == true)
        #expect(["filed", "needs-review"].contains(retried["state"] as? String ?? ""), "\(retried)")
        let successor = try #require(retried["retriedAs"] as? String)
        #expect(successor != id)

        let sha = try Self.letterSHA256
        #expect(try scene.counts(sha256: sha) == (records: 1, live: 1))
        let event = try #require(try scene.payloads("quarantine.retried").first)
        #expect(event["operator"] as? String == "a.schmidt" && event["previousState"] as? String == "quarantined")
        #expect(event["state"] as? String == "retried" && event["retriedAs"] as? String == successor)
        #expect(event["sha256"] as? String == sha && event["reason"] is String)

        entries = try scene.entries()
        #expect(entries.first?["status"] as? String == "retried" && entries.first?["retriedAs"] as? String == successor)
        let show = try scene.scanctl(["quarantine", "show", String(id.prefix(8)), "--json"])
        #expect(show.status == 0, "\(show.standardError)")
        let detail = try scene.json(show)
        let history = try #require(detail["history"] as? [[String: Any]]).compactMap { $0["action"] as? String }
        #expect(history.contains("quarantine.retried") && (history.contains("file.quarantined") || history.contains("document.quarantined")))
        #expect((detail["reasonFile"] as? [String: Any])?["code"] as? String == "corrupt-file")
        #expect(detail["copyPresent"] as? Bool == true && detail["sourceUnchanged"] as? Bool == false)
        let text = try scene.scanctl(["quarantine", "show", String(id.prefix(8))])
        #expect(text.standardOutput.contains(copy) && text.standardOutput.contains("quarantine.retried"))

        // Filed once: a second retry is refused, the good file run again is a duplicate.
        let again = try scene.scanctl(["quarantine", "retry", "--as", "a.schmidt", String(id.prefix(8)), "--jobs", "1", "--quiet"])
        #expect(again.status == 1 && again.standardError.contains("retried already"), "\(again.standardError)")
        let rerun = try scene.scanctl(["run", scene.scan, "--json", "--jobs", "1", "--quiet"])
        #expect(rerun.status == 0)
        #expect(try RunCommandTests.summary(rerun)["duplicates"] as? Int == 1)
        #expect(try scene.counts(sha256: sha) == (records: 1, live: 1))
        try scene.verifyAuditTrail()
    }

    /// The same file, quarantined because a limit was too low, given to scanctl run again: it is
    /// retried, not a duplicate, and filed once.
    @Test func runGivenAQuarantinedFileAgainRetriesIt() throws {
        let scene = Scene()
        defer { scene.folder.remove() }
        try scene.putScan(truncated: false)
        let first = try scene.scanctl(["run", scene.scan, "--max-pixels", "1", "--json", "--jobs", "1", "--quiet"])
        #expect(first.status == 0, "\(first.standardError)")
        let id = try #require(try scene.entries().first?["id"] as? String)

        let second = try scene.scanctl(["run", scene.scan, "--json", "--jobs", "1"])
        #expect(second.status == 0, "\(second.standardError)")
        let summary = try RunCommandTests.summary(second)
        #expect(summary["duplicates"] as? Int == 0 && summary["retried"] as? Int == 1)
        #expect((summary["filed"] as? Int ?? 0) + (summary["needsReview"] as? Int ?? 0) == 1)
        #expect(second.standardError.contains("retrying") && !second.standardError.contains("duplicate"), "\(second.standardError)")
        let event = try #require(try scene.payloads("quarantine.retried").first)
        #expect(event["replacement"] as? Bool == false && event["previousState"] as? String == "quarantined")
        #expect(try scene.entries().first { $0["id"] as? String == id }?["status"] as? String == "retried")
        #expect(try scene.counts(sha256: try Self.letterSHA256) == (records: 1, live: 1))

        // And a third time: now it is filed, so it is a duplicate.
        let third = try scene.scanctl(["run", scene.scan, "--json", "--jobs", "1", "--quiet"])
        #expect(try RunCommandTests.summary(third)["duplicates"] as? Int == 1)
        #expect(try scene.counts(sha256: try Self.letterSHA256) == (records: 1, live: 1))
        try scene.verifyAuditTrail()
    }

    /// The original is gone: retry runs the copy kept in quarantine.
    @Test func retryRunsTheKeptCopyWhenTheOriginalIsGone() throws {
        let scene = Scene()
        defer { scene.folder.remove() }
        try scene.putScan(truncated: false)
        _ = try scene.scanctl(["run", scene.scan, "--max-pixels", "1", "--jobs", "1", "--quiet"])
        try TestUsers.add(to: scene.workspace)
        let id = try #require(try scene.entries().first?["id"] as? String)
        try FileManager.default.removeItem(atPath: scene.scan)
        let retry = try scene.scanctl(["quarantine", "retry", "--as", "a.schmidt", id, "--json", "--jobs", "1", "--quiet"])
        #expect(retry.status == 0, "\(retry.standardError)")
        let retried = try #require((try scene.json(retry)["retries"] as? [[String: Any]])?.first)
        #expect(retried["fromCopy"] as? Bool == true && retried["status"] as? String == "retried")
        #expect(try scene.counts(sha256: try Self.letterSHA256) == (records: 1, live: 1))
        try scene.verifyAuditTrail()
    }

    /// A retry whose cause is not fixed quarantines again: the old document is closed as retried,
    /// the new one is open with the new reason, and no record is made.
    @Test func retryThatFailsAgainLeavesANewOpenEntry() throws {
        let scene = Scene()
        defer { scene.folder.remove() }
        try scene.putScan(truncated: true)
        _ = try scene.scanctl(["run", scene.scan, "--jobs", "1", "--quiet"])
        try TestUsers.add(to: scene.workspace)
        let id = try #require(try scene.entries().first?["id"] as? String)
        let retry = try scene.scanctl(["quarantine", "retry", "--as", "a.schmidt", id, "--json", "--jobs", "1", "--quiet"])
        #expect(retry.status == 1, "\(retry.standardError)")
        let retried = try #require((try scene.json(retry)["retries"] as? [[String: Any]])?.first)
        #expect(retried["status"] as? String == "retried" && retried["state"] as? String == "quarantined")
        let entries = try scene.entries()
        #expect(entries.count == 2)
        #expect(entries.first { $0["id"] as? String == id }?["status"] as? String == "retried")
        let successor = try #require(entries.first { $0["id"] as? String != id })
        #expect(successor["id"] as? String == retried["retriedAs"] as? String && successor["status"] as? String == "open")
        let kept = try FileManager.default.contentsOfDirectory(atPath: scene.workspace.appendingPathComponent("quarantine").path)
        #expect(kept.filter { !$0.hasSuffix(".reason.json") }.count == 1, "one copy of the file: \(kept)")
        try scene.verifyAuditTrail()
    }

    /// release needs a reason; with one it closes the file, audited; the file given again is a
    /// duplicate that says it was released.
    @Test func releaseClosesWithAReasonAndRefusesWithout() throws {
        let scene = Scene()
        defer { scene.folder.remove() }
        try scene.putScan(truncated: true)
        _ = try scene.scanctl(["run", scene.scan, "--jobs", "1", "--quiet"])
        try TestUsers.add(to: scene.workspace)
        let id = try #require(try scene.entries().first?["id"] as? String)

        let without = try scene.scanctl(["quarantine", "release", "--as", "a.schmidt", String(id.prefix(8))])
        #expect(without.status == 64, "\(without.standardError)")
        let tooShort = try scene.scanctl(["quarantine", "release", "--as", "a.schmidt", String(id.prefix(8)), "--reason", " x "])
        #expect(tooShort.status == 64 && tooShort.standardError.contains("reason"))
        let unknown = try scene.scanctl(["quarantine", "release", "--as", "a.schmidt", "ffffffff", "--reason", "returned to the sender"])
        #expect(unknown.status == 1)
        #expect(try scene.payloads("quarantine.released").isEmpty)

        let release = try scene.scanctl(["quarantine", "release", "--as", "a.schmidt", String(id.prefix(8)), "--reason", "returned to the sender",
                                         "--json"])
        #expect(release.status == 0, "\(release.standardError)")
        let released = try scene.json(release)
        #expect(released["status"] as? String == "released" && released["closedBy"] as? String == "a.schmidt")
        let event = try #require(try scene.payloads("quarantine.released").first)
        #expect(event["operator"] as? String == "a.schmidt" && event["reason"] as? String == "returned to the sender")
        #expect(event["previousState"] as? String == "quarantined" && event["state"] as? String == "released")

        let twice = try scene.scanctl(["quarantine", "release", "--as", "a.schmidt", String(id.prefix(8)), "--reason", "again"])
        #expect(twice.status == 1 && twice.standardError.contains("released already"))
        let rerun = try scene.scanctl(["run", scene.scan, "--json", "--jobs", "1"])
        #expect(try RunCommandTests.summary(rerun)["duplicates"] as? Int == 1)
        #expect(rerun.standardError.contains("released from quarantine by a.schmidt"), "\(rerun.standardError)")
        #expect(try scene.entries().first?["status"] as? String == "released")
        try scene.verifyAuditTrail()
    }
}
