import Foundation
import Testing
@testable import ScanPipeline

/// What any ``QuarantineLedger`` must do.
struct QuarantineLedgerConformance {
    let ledger: any QuarantineLedger
    let fixture: any StoreConformanceFixture

    /// The release as the domain decides it: through the lifecycle, from the state the store read.
    static let decide = { @Sendable (stored: QuarantineReleaseContext) throws -> QuarantineRelease in
        let next = try DocumentLifecycle.target(of: .released, from: stored.state)
        let payload = QuarantineAuditPayload.Released(operator: "P. Stelle", previousState: stored.state.rawValue,
                                                      state: next.rawValue, reason: "returned to the sender",
                                                      code: stored.problemCode, path: stored.path)
        return QuarantineRelease(state: next, closedBy: "P. Stelle", reason: "returned to the sender",
                                 audit: AuditEntry(actor: .person("P. Stelle"), subjects: stored.subjects, payload: payload))
    }

    func releasesAQuarantinedDocumentOnce() async throws {
        try await fixture.addDocument("q1", state: .quarantined, quarantined: true)
        try await ledger.release("q1", decide: Self.decide)
        let entry = try #require(try await ledger.quarantineEntries().first)
        #expect(entry.status == .released && entry.closedBy == "P. Stelle" && entry.reasonFile == "q1.reason.json")
        #expect(try await fixture.actions() == [AuditAction.quarantineReleased.rawValue])
        // Released already: the lifecycle refuses a second release, and nothing is written.
        #expect(await ScanPipelineError.Code.thrown { try await ledger.release("q1", decide: Self.decide) } == .illegalTransition)
        #expect(try await fixture.actions() == [AuditAction.quarantineReleased.rawValue])
    }

    func refusesToReleaseWhatIsNotQuarantined() async throws {
        try await fixture.addDocument("d1", state: .filed)
        #expect(await ScanPipelineError.Code.thrown { try await ledger.release("d1", decide: Self.decide) } == .quarantine)
        try await fixture.addDocument("q2", state: .quarantined, quarantined: true)
        try await fixture.force("q2", to: .retried)
        #expect(await ScanPipelineError.Code.thrown { try await ledger.release("q2", decide: Self.decide) } == .illegalTransition)
        #expect(try await fixture.state("q2") == "retried")
        #expect(try await fixture.actions().isEmpty)
        #expect(try await ledger.quarantinedDocumentIDs() == ["q2"])
    }
}

@Suite struct SQLiteQuarantineLedgerTests {
    func run(_ test: (QuarantineLedgerConformance) async throws -> Void) async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await test(QuarantineLedgerConformance(ledger: fixture.store, fixture: fixture))
    }

    @Test func releasesAQuarantinedDocumentOnce() async throws { try await run { try await $0.releasesAQuarantinedDocumentOnce() } }
    @Test func refusesToReleaseWhatIsNotQuarantined() async throws {
        try await run { try await $0.refusesToReleaseWhatIsNotQuarantined() }
    }
}
