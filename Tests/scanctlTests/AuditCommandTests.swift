import Foundation
import GRDB
import Testing
@testable import ScanPipeline

/// `scanctl audit verify` and `audit log` on a workspace whose trail the test writes and then tampers with.
@Suite("scanctl audit, end to end")
struct AuditCommandTests {
    static func workspace() async throws -> (Workspace, TemporaryPlanFolder) {
        let folder = try TemporaryPlanFolder()
        let workspace = try Workspace(root: folder.url.appendingPathComponent("ws"))
        try await workspace.database.write { db in
            for (index, action) in ["batch.opened", "file.ingested", "document.classified"].enumerated() {
                try AuditTrail.append(db, actor: .component("scanctl", version: "test"), action: action,
                                      subjects: AuditSubjects(batch: "b-1", document: index == 2 ? "d-7" : nil),
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

    @Test func saysSoWhenThereIsNoWorkspace() throws {
        let folder = try TemporaryPlanFolder()
        defer { folder.remove() }
        let result = try ScanCtlProcess.run(["audit", "verify", "--workspace", folder.url.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("no scanctl workspace here"))
    }
}
