import Foundation
import GRDB
import TestSupport
import Testing
@testable import ScanPipeline

/// An empty audit log of some backend, with the few things the conformance tests must do behind
/// its back.
struct AuditLogFixture {
    var log: any AuditLog
    /// From now on the backend refuses to store an event of this action (to fail an append midway).
    var refuse: @Sendable (String) async throws -> Void
    /// Replaces event `sequence`'s payload in storage, without the log (a tamperer's edit).
    var alterPayload: @Sendable (Int64, String) async throws -> Void
    var remove: @Sendable () -> Void
}

/// What every ``AuditLog`` backend must do (Store/AuditLog.swift): appends chain without gaps, one
/// append is one transaction, the chain check finds an edit, the head is the last event, and
/// reads filter and keep sequence order. Each test takes a fresh, empty fixture.
struct AuditLogConformance {
    struct Note: Encodable {
        var text: String
    }

    static let actor = AuditActor.component("conformance", version: "1")

    static func entry(_ text: String, document: String? = nil, batch: String? = nil,
                      action: AuditAction = .brokenTrailAccepted, at time: Date = Date()) throws -> AuditEntry {
        try AuditEntry(actor: actor, rawAction: action.rawValue, subjects: AuditSubjects(batch: batch, document: document),
                       payload: Note(text: text), at: time)
    }

    func appendsChainEveryEventToTheOneBeforeWithoutGaps(_ fixture: AuditLogFixture) async throws {
        let log = fixture.log
        #expect(try await log.head() == .empty)
        let time = Date(timeIntervalSince1970: 1_800_000_000.25)
        let first = try await log.append([try Self.entry("a", at: time), try Self.entry("b", at: time)])
        let second = try await log.append([try Self.entry("c")])
        let events = try await log.events(.all)
        #expect(events == first + second)
        #expect(events.map(\.sequence) == [1, 2, 3])
        #expect(events[0].previousHash == AuditEvent.genesisHash)
        for (previous, event) in zip(events, events.dropFirst()) { #expect(event.previousHash == previous.hash) }
        #expect(events.allSatisfy { $0.hash == $0.computedHash })
        #expect(first.allSatisfy { $0.time == AuditTrail.timestamp(time) })
        #expect(events[0].payload == #"{"text":"a"}"# && events[0].actor == Self.actor)
        let chain = try await log.verifyChain()
        #expect(chain.isIntact && chain.events == 3 && chain.lastHash == events[2].hash)
    }

    func anAppendThatFailsLeavesNothing(_ fixture: AuditLogFixture) async throws {
        let log = fixture.log
        try await log.append([try Self.entry("kept")])
        let before = try await log.head()
        try await fixture.refuse(AuditAction.modelTrained.rawValue)
        await #expect(throws: (any Error).self) {
            try await log.append([try Self.entry("one"), try Self.entry("two"), try Self.entry("refused", action: .modelTrained)])
        }
        #expect(try await log.head() == before)
        #expect(try await log.events(.all).map(\.payload) == [#"{"text":"kept"}"#])
        // The next append follows the last committed event: no gap where the failed ones were.
        let next = try await log.append(try Self.entry("after"))
        #expect(next.sequence == before.sequence + 1 && next.previousHash == before.hash)
        #expect(try await log.verifyChain().isIntact)
    }

    func theChainCheckNamesAnAlteredEvent(_ fixture: AuditLogFixture) async throws {
        let log = fixture.log
        try await log.append((1...4).map { try Self.entry("event \($0)") })
        try await fixture.alterPayload(3, #"{"text":"something else"}"#)
        let chain = try await log.verifyChain()
        #expect(!chain.isIntact)
        #expect(chain.firstBroken?.sequence == 3)
        #expect(chain.firstBroken?.reason.contains("altered") == true)
        let evidence = try await log.trailEvidence(anchoredAt: [])
        #expect(evidence.chain == chain)
    }

    func theHeadIsTheLastEvent(_ fixture: AuditLogFixture) async throws {
        let log = fixture.log
        for index in 1...3 {
            let event = try await log.append(try Self.entry("event \(index)"))
            #expect(try await log.head() == AuditHead(sequence: event.sequence, hash: event.hash))
            #expect(try await log.hash(ofEvent: event.sequence) == event.hash)
        }
        #expect(try await log.hash(ofEvent: 4) == nil)
        let evidence = try await log.trailEvidence(anchoredAt: [2, 9])
        #expect(evidence.head == (try await log.head()))
        let second = try #require(try await log.hash(ofEvent: 2))
        #expect(evidence.anchoredHashes == [2: second])
    }

    func readsFilterAndKeepSequenceOrder(_ fixture: AuditLogFixture) async throws {
        let log = fixture.log
        try await log.append([
            try Self.entry("1", document: "doc-a", batch: "batch-1"),
            try Self.entry("2", document: "doc-b", batch: "batch-1", action: .modelTrained),
            try Self.entry("3", document: "doc-a", batch: "batch-2", action: .modelTrained),
            try Self.entry("4", batch: "batch-2"),
            try Self.entry("5", document: "doc-a", batch: "batch-1"),
        ])
        let sequences = { (query: AuditEventQuery) in try await log.events(query).map(\.sequence) }
        #expect(try await sequences(AuditEventQuery(document: "doc-a")) == [1, 3, 5])
        #expect(try await sequences(AuditEventQuery(batch: "batch-1")) == [1, 2, 5])
        #expect(try await sequences(AuditEventQuery(actions: [.modelTrained])) == [2, 3])
        #expect(try await sequences(AuditEventQuery(actions: [.modelTrained, .brokenTrailAccepted])) == [1, 2, 3, 4, 5])
        #expect(try await sequences(AuditEventQuery(document: "doc-a", batch: "batch-1")) == [1, 5])
        #expect(try await sequences(AuditEventQuery(batch: "batch-2", actions: [.modelTrained])) == [3])
        #expect(try await sequences(AuditEventQuery(limit: 2)) == [1, 2])
        #expect(try await sequences(AuditEventQuery(document: "doc-none")).isEmpty)
        #expect(try await log.subjects(matching: "doc-", in: .document).sorted() == ["doc-a", "doc-b"])
        #expect(try await log.subjects(matching: "doc-a", in: .document) == ["doc-a"])
        #expect(try await log.subjects(matching: "bat", in: .batch).isEmpty, "a reference under 4 characters matches only itself")
    }
}

/// The conformance suite against the embedded SQLite store, plus what only SQLite can show (its
/// append-only triggers).
@Suite("AuditLog conformance: SQLite")
struct SQLiteAuditLogConformance {
    let conformance = AuditLogConformance()

    static func fixture() throws -> (AuditLogFixture, Workspace) {
        let folder = try TemporaryFolder()
        let workspace = try Workspace(root: folder.url)
        let database = workspace.database
        let fixture = AuditLogFixture(
            log: workspace.auditLog,
            refuse: { action in
                try await database.write { db in
                    try db.execute(sql: """
                        CREATE TRIGGER conformance_refuse BEFORE INSERT ON auditEvent WHEN NEW.action = '\(action)'
                        BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                        """)
                }
            },
            alterPayload: { sequence, payload in
                try await database.write { db in
                    try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
                    try db.execute(sql: "UPDATE auditEvent SET payload = ? WHERE sequence = ?", arguments: [payload, sequence])
                }
            },
            remove: { folder.remove() })
        return (fixture, workspace)
    }

    @Test func appendsChainEveryEventToTheOneBeforeWithoutGaps() async throws {
        let (fixture, _) = try Self.fixture()
        defer { fixture.remove() }
        try await conformance.appendsChainEveryEventToTheOneBeforeWithoutGaps(fixture)
    }

    @Test func anAppendThatFailsLeavesNothing() async throws {
        let (fixture, _) = try Self.fixture()
        defer { fixture.remove() }
        try await conformance.anAppendThatFailsLeavesNothing(fixture)
    }

    @Test func theChainCheckNamesAnAlteredEvent() async throws {
        let (fixture, _) = try Self.fixture()
        defer { fixture.remove() }
        try await conformance.theChainCheckNamesAnAlteredEvent(fixture)
    }

    @Test func theHeadIsTheLastEvent() async throws {
        let (fixture, _) = try Self.fixture()
        defer { fixture.remove() }
        try await conformance.theHeadIsTheLastEvent(fixture)
    }

    @Test func readsFilterAndKeepSequenceOrder() async throws {
        let (fixture, _) = try Self.fixture()
        defer { fixture.remove() }
        try await conformance.readsFilterAndKeepSequenceOrder(fixture)
    }

    /// The triggers refuse edits, and the evidence says when one was dropped or defused.
    @Test func theAppendOnlyTriggersRefuseEditsAndAreReportedWhenGone() async throws {
        let (fixture, workspace) = try Self.fixture()
        defer { fixture.remove() }
        try await fixture.log.append(try AuditLogConformance.entry("event"))
        await #expect(throws: DatabaseError.self) {
            try await workspace.database.write { db in try db.execute(sql: "DELETE FROM auditEvent") }
        }
        #expect(try await fixture.log.trailEvidence(anchoredAt: []).appendOnlyGuards.allSatisfy { $0.condition == .inPlace })
        try await workspace.database.write { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
            try db.execute(sql: "DROP TRIGGER auditEvent_no_delete")
            try db.execute(sql: "CREATE TRIGGER auditEvent_no_delete BEFORE DELETE ON auditEvent BEGIN SELECT 1; END")
        }
        let guards = try await fixture.log.trailEvidence(anchoredAt: []).appendOnlyGuards
        #expect(guards == [.init(name: "auditEvent_no_delete", condition: .altered),
                           .init(name: "auditEvent_no_update", condition: .missing)])
    }

    /// The head file follows every commit that appended, and only those.
    @Test func theHeadFileFollowsEachCommittedAppend() async throws {
        let (fixture, workspace) = try Self.fixture()
        defer { fixture.remove() }
        let event = try await fixture.log.append(try AuditLogConformance.entry("event"))
        let head = try #require(try AuditHeadFile.read(from: workspace.auditHeadFile))
        #expect(head.sequence == event.sequence && head.hash == event.hash)
        try await fixture.refuse(AuditAction.modelTrained.rawValue)
        _ = try? await fixture.log.append(try AuditLogConformance.entry("refused", action: .modelTrained))
        #expect(try AuditHeadFile.read(from: workspace.auditHeadFile)?.sequence == event.sequence)
    }

    /// A kill between the schema's creation and the head file's first write (seen under load in the
    /// kill-and-resume tests) leaves an empty trail without its file: the next open writes it, so
    /// the workspace is not taken for a cut trail. Once the trail has events a missing file stays a
    /// finding.
    @Test func anEmptyTrailWhoseHeadFileWasNeverWrittenIsAnchoredOnOpen() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try Workspace(root: folder.url)
        try FileManager.default.removeItem(at: first.auditHeadFile)
        let reopened = try Workspace(root: folder.url)
        #expect(try AuditHeadFile.read(from: reopened.auditHeadFile)?.sequence == 0)
        #expect(try await reopened.verifyTrail().isIntact)

        _ = try await reopened.auditLog.append(try AuditLogConformance.entry("event"))
        try FileManager.default.removeItem(at: reopened.auditHeadFile)
        let again = try Workspace(root: folder.url)
        #expect(!FileManager.default.fileExists(atPath: again.auditHeadFile.path))
        #expect(try await !again.verifyTrail().isIntact)
    }
}
