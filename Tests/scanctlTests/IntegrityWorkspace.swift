import Foundation
import GRDB
import Testing
import TestSupport

/// A workspace `scanctl run` made once from two sample letters (one filed, one in review), its
/// Transfervermerk sealed, copied into each test's folder so that every test can tamper with its own.
struct IntegrityWorkspace {
    struct Template: Sendable {
        var root: URL
        var filed: String
        var inReview: String
        var batch: String
        var publicKey: String
    }

    struct FixtureError: Error, Sendable, CustomStringConvertible { var description: String }

    /// Made on first use, shared by every test of the process.
    static let template: Result<Template, FixtureError> = {
        do { return .success(try make()) } catch let error as FixtureError { return .failure(error) } catch {
            return .failure(FixtureError(description: "\(error)"))
        }
    }()

    private static func make() throws -> Template {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scanctl-integrity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = folder.appendingPathComponent("seal.key").path
        let made = try ScanCtlProcess.run(["audit", "seal-key", "--out", key])
        guard made.status == 0, let publicKey = made.standardOutput.split(separator: " ").last?
            .trimmingCharacters(in: .whitespacesAndNewlines) else { throw FixtureError(description: made.standardError) }
        let workspace = folder.appendingPathComponent("ws")
        // The users first, so that the batch's seal covers their events and the trail ends with the batch.
        do { try TestUsers.add(to: workspace) } catch { throw FixtureError(description: "\(error)") }
        let letters = ["01-bauantrag-nachreichung.tif", "07-bewerbung-vertraulich.tif"]
        let run = try ScanCtlProcess.run(["run", "--workspace", workspace.path, "--json", "--jobs", "2", "--seal-key", key,
                                          "--operator", "Poststelle Test"]
                                         + letters.map { RunCommandTests.samples.appendingPathComponent($0).path })
        guard run.status == 0,
              let json = try? JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any],
              let summary = json["summary"] as? [String: Any], let documents = summary["documents"] as? [[String: Any]],
              let batch = summary["batch"] as? String,
              let filed = documents.first(where: { $0["state"] as? String == "filed" })?["document"] as? String,
              let inReview = documents.first(where: { $0["state"] as? String == "needs-review" })?["document"] as? String else {
            throw FixtureError(description: "the template run did not file one letter and queue one: \(run.standardOutput)\(run.standardError)")
        }
        return Template(root: workspace, filed: filed, inReview: inReview, batch: batch, publicKey: publicKey)
    }

    let folder: TemporaryFolder
    let template: Template
    let root: URL

    /// A fresh copy of the template in a folder of its own.
    init() throws {
        template = try Self.template.get()
        folder = try TemporaryFolder()
        root = folder.url.appendingPathComponent("ws")
        try FileManager.default.copyItem(at: template.root, to: root)
    }

    func remove() { folder.remove() }

    var path: String { root.path }

    func record(_ document: String, _ name: String) -> URL {
        root.appendingPathComponent("records/\(document)/\(name)")
    }

    /// Runs scanctl with `--workspace` added.
    func scanctl(_ arguments: [String]) throws -> ScanCtlProcess.Result {
        try ScanCtlProcess.run(arguments + ["--workspace", path], input: TestUsers.input)
    }

    /// `audit verify --json` (with `--records`): its exit status and what it found.
    func verify(records: Bool = false) throws -> (status: Int32, problems: [(kind: String, message: String)]) {
        let result = try scanctl(["audit", "verify", "--json"] + (records ? ["--records"] : []))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
                                  "\(result.standardOutput)\(result.standardError)")
        let problems = (object["problems"] as? [[String: Any]] ?? []).map {
            (kind: $0["kind"] as? String ?? "", message: $0["message"] as? String ?? "")
        }
        return (result.status, problems)
    }

    /// The database opened directly, as someone with file access would.
    func database() throws -> DatabaseQueue {
        try DatabaseQueue(path: root.appendingPathComponent("scanctl.sqlite").path)
    }

    func eventCount() throws -> Int {
        try database().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM auditEvent") ?? 0 }
    }

    func payloads(_ action: String) throws -> [[String: Any]] {
        try database().read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM auditEvent WHERE action = ? ORDER BY sequence", arguments: [action])
        }.compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Cuts the trail's last `count` events the way someone with the file would: drop the
    /// append-only triggers, delete, create them again as they were.
    func cutTrail(last count: Int) throws {
        try database().write { db in
            let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'auditEvent'")
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update; DROP TRIGGER auditEvent_no_delete")
            try db.execute(sql: "DELETE FROM auditEvent WHERE sequence > (SELECT MAX(sequence) FROM auditEvent) - ?", arguments: [count])
            for trigger in triggers { try db.execute(sql: trigger) }
        }
    }

    /// Flips one bit in the middle of a file.
    static func flipByte(_ url: URL) throws {
        var data = try Data(contentsOf: url)
        data[data.count / 2] ^= 0x01
        try data.write(to: url)
    }

    /// Every file below `folder` with its bytes, to show nothing was written.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  !url.lastPathComponent.hasPrefix("scanctl.sqlite"), let data = FileManager.default.contents(atPath: url.path) else { continue }
            files[url.path.replacingOccurrences(of: folder.path, with: "")] = data
        }
        return files
    }
}
