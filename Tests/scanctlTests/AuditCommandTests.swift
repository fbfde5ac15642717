import CSV
import Foundation
import GRDB
import Testing
@testable import ScanPipeline
import TestSupport

/// `scanctl audit verify` and `audit log` on a workspace whose trail the test writes and then tampers with.
@Suite("scanctl audit, end to end")
struct AuditCommandTests {
    static func workspace() async throws -> (Workspace, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let workspace = try Workspace(root: folder.url.appendingPathComponent("ws"))
        try await workspace.database.write { db in
            // The rows the events name: verify checks the tables against the trail.
            try db.execute(sql: """
                INSERT INTO batch (id, openedAt, operator, profile, schutzbedarf, planVersion)
                VALUES ('b-1', '2026-01-01T00:00:00.000Z', 'test', 'default', 'normal', 'test');
                INSERT INTO sourceFile (sha256, batch, path, size, ingestedAt) VALUES ('f-1', 'b-1', 'scan.tif', 1, '2026-01-01T00:00:00.000Z');
                INSERT INTO document (id, batch, sourceFile, state, pageCount, updatedAt)
                VALUES ('d-7', 'b-1', 'f-1', 'classified', 1, '2026-01-01T00:00:00.000Z');
                """)
            for (index, action) in ["batch.opened", "file.ingested", "document.classified"].enumerated() {
                try AuditTrail.append(db, actor: .component("scanctl", version: "test"), rawAction: action,
                                      subjects: AuditSubjects(batch: "b-1", file: index == 1 ? "f-1" : nil, document: index == 2 ? "d-7" : nil),
                                      payload: ["step": "\(index + 1)"])
            }
        }
        return (workspace, folder)
    }

    @Test func verifyReportsAnIntactChainAndLogListsEvents() async throws {
        let (workspace, folder) = try await Self.workspace()
        defer { folder.remove() }
        let verify = try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.root.path])
        #expect(verify.status == 0)
        #expect(verify.standardOutput.hasPrefix("intact: 3 events, last hash "))

        let log = try ScanCtlProcess.run(["audit", "log", "--workspace", workspace.root.path, "--json"])
        #expect(log.status == 0)
        let events = try #require(try JSONSerialization.jsonObject(with: Data(log.standardOutput.utf8)) as? [[String: Any]])
        #expect(events.map { $0["action"] as? String } == ["batch.opened", "file.ingested", "document.classified"])
        #expect((events[0]["payload"] as? [String: String])?["step"] == "1")

        let one = try ScanCtlProcess.run(["audit", "log", "--workspace", workspace.root.path, "--document", "d-7"])
        #expect(one.standardOutput.contains("document.classified") && !one.standardOutput.contains("batch.opened"))
    }

    @Test func verifyFailsAndNamesTheEventChangedBehindItsBack() async throws {
        let (workspace, folder) = try await Self.workspace()
        defer { folder.remove() }
        try await workspace.database.write { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
            try db.execute(sql: "UPDATE auditEvent SET payload = '{\"step\":\"X\"}' WHERE sequence = 2")
        }
        let verify = try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.root.path])
        #expect(verify.status == 1)
        #expect(verify.standardOutput.contains("BROKEN at event 2"))
        let json = try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.root.path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["intact"] as? Bool == false && object["firstBrokenEvent"] as? Int == 2)
    }

    /// An auditor can recompute the chain from the CSV alone and compare its end with the head.
    @Test func exportsTheTrailAsCSVAndJSONThatAnAuditorCanRecompute() async throws {
        let (workspace, folder) = try await Self.workspace()
        defer { folder.remove() }
        _ = try await workspace.database.write { db in
            try AuditTrail.append(db, actor: .person("Müller, \"Anna\""), rawAction: "document.reviewed",
                                  subjects: AuditSubjects(document: "d-7"), payload: ["reason": "line one,\nline \"two\""])
        }
        let csvFile = folder.path("trail.csv")
        let csv = try ScanCtlProcess.run(["audit", "export", "--format", "csv", "--out", csvFile, "--workspace", workspace.root.path])
        #expect(csv.status == 0, "\(csv.standardError)")
        let reader = try CSVReader(stream: try #require(InputStream(fileAtPath: csvFile)), hasHeaderRow: true)
        var previous = AuditEvent.genesisHash
        var rows = 0
        while let row = reader.next() {
            let field = { (name: String) -> String in row[reader.headerRow?.firstIndex(of: name) ?? 0] }
            let optional = { (name: String) -> String? in field(name).isEmpty ? nil : field(name) }
            let event = AuditEvent(
                sequence: Int64(field("sequence")) ?? 0, time: field("time"),
                actorKind: AuditActor.Kind(rawValue: field("actorKind")) ?? .component, actorName: field("actorName"),
                actorVersion: optional("actorVersion"), action: field("action"), batch: optional("batch"), file: optional("file"),
                document: optional("document"), payload: field("payload"), previousHash: field("previousHash"), hash: field("hash"))
            #expect(event.previousHash == previous && event.computedHash == event.hash, "row \(rows + 1)")
            previous = event.hash
            rows += 1
        }
        #expect(rows == 4)
        #expect(csv.standardError.contains("chain intact; head: event 4, hash \(previous)"))

        let json = try ScanCtlProcess.run(["audit", "export", "--format", "json", "--workspace", workspace.root.path,
                                           "--document", "d-7"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["intact"] as? Bool == true && (object["events"] as? [Any])?.count == 2)
        #expect((object["head"] as? [String: Any])?["hash"] as? String == previous)

        try await workspace.database.write { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
            try db.execute(sql: "UPDATE auditEvent SET actorName = 'someone else' WHERE sequence = 4")
        }
        // A filter that names nothing is an error, not an empty export.
        let nothing = try ScanCtlProcess.run(["audit", "export", "--format", "csv", "--document", "zzzz", "--workspace", workspace.root.path])
        #expect(nothing.status == 1 && nothing.standardError.contains("no audit event names a document zzzz"))

        let broken = try ScanCtlProcess.run(["audit", "export", "--format", "json", "--workspace", workspace.root.path])
        #expect(broken.status == 1 && broken.standardError.contains("BROKEN at event 4"))
    }

    @Test func saysSoWhenThereIsNoWorkspace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try ScanCtlProcess.run(["audit", "verify", "--workspace", folder.url.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("no scanctl workspace here"))
    }
}
