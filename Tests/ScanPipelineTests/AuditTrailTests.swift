import Foundation
import GRDB
import Testing
@testable import ScanPipeline
import TestSupport

/// The append-only, hash-chained audit trail (DESIGN.md contract 3).
@Suite("Audit trail")
struct AuditTrailTests {
    struct Payload: Encodable {
        var reason: String
        var old: String?
        var new: String?
        var zebra = 1
        var alpha = 2
    }

    static func workspaceWithEvents(_ count: Int) async throws -> (Workspace, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let workspace = try Workspace(root: folder.url)
        try await workspace.database.write { db in
            for index in 1...count {
                try AuditTrail.append(db, actor: index % 2 == 0 ? .person("E. Example") : .component("scanctl", version: "0.1.0"),
                                      rawAction: "test.event", subjects: AuditSubjects(document: "doc-\(index)"),
                                      payload: Payload(reason: "event \(index)", old: nil, new: "v\(index)"))
            }
        }
        return (workspace, folder)
    }

    @Test func chainsEveryEventToTheOneBefore() async throws {
        let (workspace, folder) = try await Self.workspaceWithEvents(4)
        defer { folder.remove() }
        let events = try await workspace.auditEvents()
        #expect(events.map(\.sequence) == [1, 2, 3, 4])
        #expect(events[0].previousHash == AuditEvent.genesisHash)
        for (previous, event) in zip(events, events.dropFirst()) {
            #expect(event.previousHash == previous.hash)
        }
        #expect(events.allSatisfy { $0.hash == $0.computedHash && $0.hash.count == 64 })
        let result = try await workspace.verifyAuditTrail()
        #expect(result.isIntact && result.events == 4 && result.lastHash == events[3].hash)
    }

    @Test func storesPayloadsAsCanonicalJSON() async throws {
        let (workspace, folder) = try await Self.workspaceWithEvents(1)
        defer { folder.remove() }
        let event = try #require(try await workspace.auditEvents().first)
        #expect(event.payload == #"{"alpha":2,"new":"v1","reason":"event 1","zebra":1}"#)
        #expect(event.time.hasSuffix("Z") && event.time.contains("."))
        #expect(event.actor == .component("scanctl", version: "0.1.0"))
    }

    @Test func theDatabaseRefusesToChangeOrDeleteAnEvent() async throws {
        let (workspace, folder) = try await Self.workspaceWithEvents(2)
        defer { folder.remove() }
        await #expect(throws: DatabaseError.self) {
            try await workspace.database.write { db in
                try db.execute(sql: "UPDATE auditEvent SET payload = '{}' WHERE sequence = 1")
            }
        }
        await #expect(throws: DatabaseError.self) {
            try await workspace.database.write { db in try db.execute(sql: "DELETE FROM auditEvent WHERE sequence = 2") }
        }
        #expect(try await workspace.verifyAuditTrail().isIntact)
    }

    @Test(arguments: [
        ("UPDATE auditEvent SET payload = '{\"reason\":\"forged\"}' WHERE sequence = 3", Int64(3), "altered"),
        ("UPDATE auditEvent SET actorName = 'Someone Else' WHERE sequence = 2", 2, "altered"),
        ("UPDATE auditEvent SET time = '2020-01-01T00:00:00.000Z' WHERE sequence = 4", 4, "altered"),
        ("DELETE FROM auditEvent WHERE sequence = 2", 3, "missing"),
    ])
    func namesTheFirstTamperedEvent(sql: String, sequence: Int64, reason: String) async throws {
        let (workspace, folder) = try await Self.workspaceWithEvents(5)
        defer { folder.remove() }
        try await workspace.database.write { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update; DROP TRIGGER auditEvent_no_delete")
            try db.execute(sql: sql)
        }
        let result = try await workspace.verifyAuditTrail()
        #expect(result.firstBroken?.sequence == sequence)
        #expect(result.firstBroken?.reason.contains(reason) == true, "\(String(describing: result.firstBroken))")
    }

    @Test func aRecomputedHashDoesNotHideTampering() async throws {
        // Whoever rewrites an event and its hash breaks the link to the next event.
        let (workspace, folder) = try await Self.workspaceWithEvents(3)
        defer { folder.remove() }
        var second = try await workspace.auditEvents()[1]
        second.payload = #"{"reason":"forged"}"#
        second.hash = second.computedHash
        try await workspace.database.write { [second] db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
            try db.execute(sql: "UPDATE auditEvent SET payload = ?, hash = ? WHERE sequence = 2",
                           arguments: [second.payload, second.hash])
        }
        let result = try await workspace.verifyAuditTrail()
        #expect(result.firstBroken?.sequence == 3)
    }

    @Test func continuesTheChainAfterReopening() async throws {
        let (workspace, folder) = try await Self.workspaceWithEvents(2)
        defer { folder.remove() }
        let reopened = try Workspace(root: workspace.root, create: false)
        try await reopened.database.write { db in
            _ = try AuditTrail.append(db, actor: .person("F. Fischer"), rawAction: "test.event", payload: ["reason": "later"])
        }
        let events = try await reopened.auditEvents()
        #expect(events.map(\.sequence) == [1, 2, 3])
        #expect(try await reopened.verifyAuditTrail().isIntact)
        #expect(try await reopened.auditEvents(document: "doc-2").map(\.sequence) == [2])
    }

    @Test func refusesAFolderThatIsNoWorkspace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: ScanPipelineError.self) { try Workspace(root: folder.url, create: false) }
    }
}
