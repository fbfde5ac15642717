import Foundation
import TestSupport
import Testing
@testable import ScanPipeline
@testable import ScanStorePostgres

// The conformance suites of the work queue, audit log, document store and the quarantine, export
// and record-integrity ledgers against the PostgreSQL store: each test in a fresh database of
// the test server (skipped, with the reason, without it).

@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresWorkQueueConformanceTests {
    func run(_ test: (WorkQueueConformance) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in try await test(WorkQueueConformance(queue: fixture.store)) }
    }

    @Test func aClaimIsExclusive() async throws { try await run { try await $0.aClaimIsExclusive() } }
    @Test func aReleasedClaimEndsAndTheWorkspaceIsFreeAgain() async throws {
        try await run { try await $0.aReleasedClaimEndsAndTheWorkspaceIsFreeAgain() }
    }

    /// Two hosts: a claim held by one store is refused to another; an expired one is taken over,
    /// and the lease of the first then reports that it is no longer held.
    @Test func aClaimIsExclusiveAcrossHostsAndAnExpiredOneIsTakenOver() async throws {
        try await PostgresStoreFixture.with { fixture in
            let other = try PostgresStore(url: fixture.url)
            defer { other.shutdown() }
            let claim = try await fixture.store.claim(for: "host-a")
            let error = await #expect(throws: ScanPipelineError.self) { _ = try await other.claim(for: "host-b") }
            #expect(error?.code == .lockHeld)
            #expect(error?.reason.contains("host-a") == true)
            try fixture.psql("UPDATE workspaceClaim SET expiresAt = now() - interval '1 second'")
            let taken = try await other.claim(for: "host-b")
            await #expect(throws: ScanPipelineError.self) { try await fixture.store.renew(claim) }
            #expect(!claim.lease.isHeld)
            await fixture.store.release(claim)  // leaves the other host's claim alone
            try await other.renew(taken)
            await other.release(taken)
        }
    }
}

@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresDocumentStoreConformanceTests {
    func run(_ test: (DocumentStoreConformance) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in try await test(DocumentStoreConformance(store: fixture.store)) }
    }

    @Test func registersADocumentInItsLifecycleState() async throws { try await run { try await $0.registersADocumentInItsLifecycleState() } }
    @Test func commitsAMoveWithItsEvents() async throws { try await run { try await $0.commitsAMoveWithItsEvents() } }
    @Test func refusesAStaleState() async throws { try await run { try await $0.refusesAStaleState() } }
    @Test func refusesAnUnknownDocument() async throws { try await run { try await $0.refusesAnUnknownDocument() } }
    @Test func refusesAnIllegalMove() async throws { try await run { try await $0.refusesAnIllegalMove() } }
    @Test func aFailingCommitLeavesNeitherStateNorEvents() async throws {
        try await run { try await $0.aFailingCommitLeavesNeitherStateNorEvents() }
    }
    @Test func quarantinesWithTheRowAndEvent() async throws { try await run { try await $0.quarantinesWithTheRowAndEvent() } }
    @Test func splitsIntoPartsCreatedAsRecognised() async throws { try await run { try await $0.splitsIntoPartsCreatedAsRecognised() } }
    @Test func closesBatchesAsTheDecisionSays() async throws { try await run { try await $0.closesBatchesAsTheDecisionSays() } }
}

@Suite("AuditLog conformance: PostgreSQL", .enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresAuditLogConformance {
    let conformance = AuditLogConformance()

    static func run(_ test: (AuditLogFixture, PostgresStoreFixture) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { store in
            let fixture = AuditLogFixture(
                log: store.store,
                refuse: { action in
                    try store.psql("""
                        CREATE FUNCTION conformance_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN IF NEW.action = '\(action)' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
                        CREATE TRIGGER conformance_refuse BEFORE INSERT ON auditEvent FOR EACH ROW EXECUTE FUNCTION conformance_refuse();
                        """)
                },
                alterPayload: { sequence, payload in
                    try store.psql("""
                        ALTER TABLE auditEvent DISABLE TRIGGER auditEvent_no_update;
                        UPDATE auditEvent SET payload = \(PostgresStoreFixture.literal(payload)) WHERE sequence = \(sequence);
                        """)
                },
                remove: {})
            try await test(fixture, store)
        }
    }

    @Test func appendsChainEveryEventToTheOneBeforeWithoutGaps() async throws {
        try await Self.run { fixture, _ in try await conformance.appendsChainEveryEventToTheOneBeforeWithoutGaps(fixture) }
    }
    @Test func anAppendThatFailsLeavesNothing() async throws {
        try await Self.run { fixture, _ in try await conformance.anAppendThatFailsLeavesNothing(fixture) }
    }
    @Test func theChainCheckNamesAnAlteredEvent() async throws {
        try await Self.run { fixture, _ in try await conformance.theChainCheckNamesAnAlteredEvent(fixture) }
    }
    @Test func theHeadIsTheLastEvent() async throws {
        try await Self.run { fixture, _ in try await conformance.theHeadIsTheLastEvent(fixture) }
    }
    @Test func readsFilterAndKeepSequenceOrder() async throws {
        try await Self.run { fixture, _ in try await conformance.readsFilterAndKeepSequenceOrder(fixture) }
    }

    /// The triggers refuse UPDATE, DELETE and TRUNCATE, and the evidence says when one was dropped,
    /// disabled or defused.
    @Test func theAppendOnlyTriggersRefuseEditsAndAreReportedWhenGone() async throws {
        try await Self.run { fixture, store in
            try await fixture.log.append(try AuditLogConformance.entry("event"))
            for statement in ["DELETE FROM auditEvent", "UPDATE auditEvent SET payload = '{}'", "TRUNCATE auditEvent"] {
                #expect(throws: (any Error).self, "\(statement)") { try store.psql(statement) }
            }
            #expect(try await fixture.log.trailEvidence(anchoredAt: []).appendOnlyGuards.allSatisfy { $0.condition == .inPlace })
            try store.psql("""
                DROP TRIGGER auditEvent_no_update ON auditEvent;
                ALTER TABLE auditEvent DISABLE TRIGGER auditEvent_no_truncate;
                DROP TRIGGER auditEvent_no_delete ON auditEvent;
                CREATE FUNCTION conformance_nothing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$;
                CREATE TRIGGER auditEvent_no_delete BEFORE DELETE ON auditEvent FOR EACH ROW EXECUTE FUNCTION conformance_nothing();
                """)
            let guards = try await fixture.log.trailEvidence(anchoredAt: []).appendOnlyGuards
            #expect(guards == [.init(name: "auditEvent_no_delete", condition: .altered),
                               .init(name: "auditEvent_no_truncate", condition: .altered),
                               .init(name: "auditEvent_no_update", condition: .missing)])
        }
    }

    /// The head file follows every commit that appended, and only those.
    @Test func theHeadFileFollowsEachCommittedAppend() async throws {
        try await Self.run { fixture, store in
            let file = store.folder.url.appendingPathComponent("audit-head.json")
            let event = try await fixture.log.append(try AuditLogConformance.entry("event"))
            let head = try #require(try AuditHeadFile.read(from: file))
            #expect(head.sequence == event.sequence && head.hash == event.hash)
            try await fixture.refuse(AuditAction.modelTrained.rawValue)
            _ = try? await fixture.log.append(try AuditLogConformance.entry("refused", action: .modelTrained))
            #expect(try AuditHeadFile.read(from: file)?.sequence == event.sequence)
        }
    }
}

@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresQuarantineLedgerTests {
    func run(_ test: (QuarantineLedgerConformance) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in try await test(QuarantineLedgerConformance(ledger: fixture.store, fixture: fixture)) }
    }

    @Test func releasesAQuarantinedDocumentOnce() async throws { try await run { try await $0.releasesAQuarantinedDocumentOnce() } }
    @Test func refusesToReleaseWhatIsNotQuarantined() async throws { try await run { try await $0.refusesToReleaseWhatIsNotQuarantined() } }
}

@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresExportLedgerTests {
    func run(_ test: (ExportLedgerConformance) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in try await test(ExportLedgerConformance(ledger: fixture.store, fixture: fixture)) }
    }

    @Test func returnsTheLastExportPerTargetAndFolder() async throws { try await run { try await $0.returnsTheLastExportPerTargetAndFolder() } }
    @Test func refusesAnExportOfADocumentThatMovedOn() async throws { try await run { try await $0.refusesAnExportOfADocumentThatMovedOn() } }
}

@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresRecordIntegrityLedgerTests {
    func run(_ test: (RecordIntegrityLedgerConformance) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in
            try await test(RecordIntegrityLedgerConformance(ledger: fixture.store, fixture: fixture, log: fixture.store))
        }
    }

    @Test func readsTheNewestRecordedHashes() async throws { try await run { try await $0.readsTheNewestRecordedHashes() } }
    @Test func auditsEveryFindingWithTheDocumentsSubjects() async throws {
        try await run { try await $0.auditsEveryFindingWithTheDocumentsSubjects() }
    }
}

/// A database that cannot be reached is a `storage` error naming it without its password.
@Suite struct PostgresStoreErrorTests {
    @Test(.timeLimit(.minutes(10))) func anUnreachableDatabaseIsAStorageErrorNamingIt() async throws {
        let store = try PostgresStore(url: "postgresql://scanctl:secret@127.0.0.1:1/nowhere", connectionWait: .seconds(2))
        defer { store.shutdown() }
        let error = await #expect(throws: ScanPipelineError.self) { _ = try await store.head() }
        #expect(error?.code == .storage)
        #expect(error?.path == "postgresql://scanctl@127.0.0.1:1/nowhere")
        #expect(error.map { "\($0)" }?.contains("secret") == false)
    }
}
