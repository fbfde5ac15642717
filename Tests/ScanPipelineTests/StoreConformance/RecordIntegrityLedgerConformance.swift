import Foundation
import GRDB
import Testing
@testable import ScanPipeline

/// What any ``RecordIntegrityLedger`` must do.
struct RecordIntegrityLedgerConformance {
    let ledger: any RecordIntegrityLedger
    let fixture: any StoreConformanceFixture
    /// The same store's trail, to read what was audited.
    let log: any AuditLog

    func append<P: AuditPayload>(_ payload: P, document: String) async throws {
        try await fixture.append(AuditEntry(actor: .component("scanctl", version: "test"), subjects: AuditSubjects(document: document),
                                            payload: payload))
    }

    func readsTheNewestRecordedHashes() async throws {
        try await fixture.addDocument("d1", state: .filed)
        try await fixture.addDocument("d2", state: .filed)
        try await append(RunAuditPayload.RecordWritten(record: "d1", state: "filed", pdfSHA256: "p1", metadataSHA256: "m1", pages: 1,
                                                       blankPagesLeftOut: [], schutzbedarf: "normal"), document: "d1")
        try await append(ReviewAuditPayload.RecordRewritten(record: "d1", planCode: "701", pdfSHA256: "p2", metadataSHA256: "m2"),
                         document: "d1")
        let recorded = try await ledger.recordedFiles(document: nil)
        #expect(recorded["d1"]?.hashes == [Workspace.pdfFileName: "p2", Workspace.metadataFileName: "m2"])
        #expect(recorded["d1"]?.sequence == 2)
        // A record the trail never wrote is unrecorded.
        #expect(recorded["d2"] == nil)
        let state = try #require(try await ledger.recordState(document: "d2"))
        #expect(state.folder == "records/d2" && state.recorded == nil)
        #expect(try await ledger.recordState(document: "nope") == nil)
        #expect(try await ledger.recordFolders().map(\.id) == ["d1", "d2"])
    }

    func auditsEveryFindingWithTheDocumentsSubjects() async throws {
        try await fixture.addDocument("d1", state: .filed)
        try await ledger.auditIntegrityFailures(document: "d1", actor: .component("scanctl", version: "test"), findings: [
            .init(file: "records/d1/document.pdf", problem: "changed", expected: "a", found: "b", recordedBy: 1),
            .init(file: "records/d1/metadata.json", problem: "missing", expected: "c", found: nil, recordedBy: 1),
        ])
        let events = try await log.events(AuditEventQuery(document: "d1"))
        #expect(events.map(\.action) == [AuditAction.recordIntegrityFailed.rawValue, AuditAction.recordIntegrityFailed.rawValue])
        #expect(events.allSatisfy { $0.batch == "b1" && $0.file == "sha-d1" })
        #expect(events.compactMap { $0.payload(as: Workspace.IntegrityFailed.self)?.problem } == ["changed", "missing"])
    }
}

@Suite struct SQLiteRecordIntegrityLedgerTests {
    func run(_ test: (RecordIntegrityLedgerConformance) async throws -> Void) async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await test(RecordIntegrityLedgerConformance(ledger: fixture.store, fixture: fixture, log: fixture.store))
    }

    @Test func readsTheNewestRecordedHashes() async throws { try await run { try await $0.readsTheNewestRecordedHashes() } }
    @Test func auditsEveryFindingWithTheDocumentsSubjects() async throws {
        try await run { try await $0.auditsEveryFindingWithTheDocumentsSubjects() }
    }
}
