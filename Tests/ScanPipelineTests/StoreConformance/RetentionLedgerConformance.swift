import Foundation
import Testing
import TestSupport
@testable import ScanPipeline

/// What any ``RetentionLedger`` must do.
struct RetentionLedgerConformance {
    let ledger: any RetentionLedger
    let fixture: any StoreConformanceFixture

    func offered(_ document: String, process: String) -> AuditEntry {
        AuditEntry(actor: .person("a.schmidt"), subjects: AuditSubjects(batch: "b1", document: document),
                   payload: Workspace.AussonderungOffered(process: process, message: "\(process)_Aussonderung.Anbieteverzeichnis.0501.zip",
                                                          messageSHA256: "h", akte: "akte-\(document)", disposal: "B",
                                                          retentionEnd: "2036-12-31", previousState: "filed"))
    }

    func offer(_ documents: [String], process: String, from state: DocumentState = .filed) throws -> AussonderungOffer {
        AussonderungOffer(process: process, createdAt: "2040-01-01T00:00:00Z", sender: "Stadt", recipient: "Archiv",
                          message: "\(process).zip", records: documents.map { .init(document: $0, akte: "akte-\($0)", offeredAs: "B") },
                          moves: try documents.map { RetentionMove(document: $0, expectedState: state,
                                                                   state: try DocumentLifecycle.target(of: .offered, from: state)) },
                          events: documents.map { offered($0, process: process) })
    }

    func keepsAProcessItsRecordsAndTheirDecisions() async throws {
        try await fixture.addDocument("d1", state: .filed)
        try await fixture.addDocument("d2", state: .exported)
        var both = try offer(["d1"], process: "p1")
        let second = try offer(["d2"], process: "p1", from: .exported)
        both.records += second.records
        both.moves += second.moves
        both.events += second.events
        try await ledger.recordOffer(both)
        #expect(try await fixture.state("d1") == "offered")
        #expect(try await fixture.state("d2") == "offered")
        try await ledger.recordEvaluation(process: "p1", decisions: ["d1": "A", "d2": "V"], events: [])
        let processes = try await ledger.aussonderungen()
        #expect(processes.map(\.process) == ["p1"])
        #expect(processes.first?.records.map { "\($0.document) \($0.decision ?? "-") \($0.state.rawValue)" } == ["d1 A offered", "d2 V offered"])
        try await ledger.recordHandover(process: "p1", message: "p1-0503.zip",
                                        moves: [RetentionMove(document: "d1", expectedState: .offered, state: .handedOver)], events: [])
        try await ledger.recordDisposal(RetentionMove(document: "d2", expectedState: .offered, state: .disposed),
                                        event: offered("d2", process: "p1"))
        #expect(try await ledger.aussonderungen().first?.handedOverMessage == "p1-0503.zip")
        #expect(try await ledger.removedRecordFolders().map(\.id) == ["d2"])
        #expect(try await fixture.actions() == Array(repeating: AuditAction.aussonderungOffered.rawValue, count: 3))
    }

    func refusesStaleMovesUnknownRecordsAndATakenProcessID() async throws {
        try await fixture.addDocument("d1", state: .filed)
        try await fixture.force("d1", to: .needsReview)
        #expect(await ScanPipelineError.Code.thrown { try await ledger.recordOffer(try offer(["d1"], process: "p1")) } == .staleState)
        #expect(try await ledger.aussonderungen().isEmpty, "a refused offer leaves no process behind")
        try await fixture.force("d1", to: .filed)
        try await ledger.recordOffer(try offer(["d1"], process: "p1"))
        try await fixture.addDocument("d2", state: .filed)
        #expect(await ScanPipelineError.Code.thrown { try await ledger.recordOffer(try offer(["d2"], process: "p1")) } == .aussonderung)
        #expect(await ScanPipelineError.Code.thrown {
            try await ledger.recordEvaluation(process: "p1", decisions: ["d2": "A"], events: [])
        } == .aussonderung)
        #expect(await ScanPipelineError.Code.thrown {
            try await ledger.recordDisposal(RetentionMove(document: "nope", expectedState: .filed, state: .disposed),
                                            event: offered("nope", process: "p1"))
        } == .unknownID)
        #expect(try await fixture.state("d2") == "filed")
        #expect(try await fixture.actions() == [AuditAction.aussonderungOffered.rawValue])
    }
}

@Suite struct SQLiteRetentionLedgerTests {
    func run(_ test: (RetentionLedgerConformance) async throws -> Void) async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await test(RetentionLedgerConformance(ledger: fixture.store, fixture: fixture))
    }

    @Test func keepsAProcessItsRecordsAndTheirDecisions() async throws { try await run { try await $0.keepsAProcessItsRecordsAndTheirDecisions() } }

    @Test func refusesStaleMovesUnknownRecordsAndATakenProcessID() async throws {
        try await run { try await $0.refusesStaleMovesUnknownRecordsAndATakenProcessID() }
    }
}

/// The same suite against the PostgreSQL store (skipped, with the reason, without the test server).
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresRetentionLedgerTests {
    func run(_ test: (RetentionLedgerConformance) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in try await test(RetentionLedgerConformance(ledger: fixture.store, fixture: fixture)) }
    }

    @Test func keepsAProcessItsRecordsAndTheirDecisions() async throws { try await run { try await $0.keepsAProcessItsRecordsAndTheirDecisions() } }

    @Test func refusesStaleMovesUnknownRecordsAndATakenProcessID() async throws {
        try await run { try await $0.refusesStaleMovesUnknownRecordsAndATakenProcessID() }
    }
}
