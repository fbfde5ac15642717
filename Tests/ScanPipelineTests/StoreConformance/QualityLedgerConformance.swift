import Foundation
import Testing
import TestSupport
@testable import ScanPipeline

/// What any ``QualityLedger`` must do.
struct QualityLedgerConformance {
    let ledger: any QualityLedger
    let fixture: any StoreConformanceFixture

    static func round(_ number: Int, pages: [(String, Int)]) -> QualityLedgerRound {
        QualityLedgerRound(id: "r\(number)", batch: "b1", number: number, seed: "7", ratePercent: nil, count: pages.count,
                           population: 3, acceptance: 0, drawnBy: "p.stelle", drawnAt: "2026-12-03T10:00:00Z",
                           pages: pages.map { .init(document: $0.0, page: $0.1, imageSHA256: "sha", file: "\($0.0).tif") })
    }

    static func drawn(_ round: QualityLedgerRound) -> AuditEntry {
        AuditEntry(actor: .person("p.stelle"), subjects: AuditSubjects(batch: "b1"), payload: QualityAuditPayload.SampleDrawn(
            by: "p.stelle", round: round.number, roundID: round.id, seed: round.seed, ratePercent: nil, count: round.count,
            population: round.population, sampleSize: round.pages.count, acceptance: 0, tightened: false, pages: []))
    }

    static func check(_ document: String, page: Int, round: String = "r1") -> (QualityLedgerCheck, AuditEntry) {
        let check = QualityLedgerCheck(round: round, document: document, page: page, imageSHA256: "sha", verdict: "ok", defect: nil,
                                       note: nil, checkedBy: "c.braun", checkedAt: "2026-12-03T10:05:00Z")
        let payload = QualityAuditPayload.PageChecked(
            by: "c.braun", round: 1, page: .init(document: document, page: page, file: "\(document).tif", imageSHA256: "sha"),
            verdict: "ok", defect: nil, note: nil, previous: nil)
        return (check, AuditEntry(actor: .person("c.braun"), subjects: AuditSubjects(batch: "b1", document: document), payload: payload))
    }

    static func release() -> (QualityLedgerRelease, AuditEntry) {
        let payload = QualityAuditPayload.Released(by: "b.meyer", reason: nil, rounds: 1, sampleSize: 2, defects: 0, acceptance: 0,
                                                   checks: 2, verdictReason: "passed")
        return (QualityLedgerRelease(batch: "b1", releasedBy: "b.meyer", releasedAt: "2026-12-03T11:00:00Z", reason: nil),
                AuditEntry(actor: .person("b.meyer"), subjects: AuditSubjects(batch: "b1"), payload: payload))
    }

    func keepsRoundsInOrderAndRefusesAStaleOne() async throws {
        try await fixture.addDocument("d1", state: .filed)
        try await fixture.addDocument("d2", state: .filed)
        #expect(try await ledger.qualityBatches(matching: "b") == ["b1"])
        #expect(try await ledger.qualityBatch("b1")?.documents.map(\.id) == ["d1", "d2"])
        #expect(try await ledger.qualityBatch("nope") == nil)
        let first = Self.round(1, pages: [("d1", 1), ("d2", 1)])
        try await ledger.commitSampleRound(first, event: Self.drawn(first))
        var stale = Self.round(1, pages: [("d1", 1)])
        stale.id = "r1b"
        #expect(await ScanPipelineError.Code.thrown {
            try await ledger.commitSampleRound(stale, event: Self.drawn(stale))
        } == .staleState)
        let state = try await ledger.qualityState(batch: "b1")
        #expect(state.rounds.map(\.id) == ["r1"] && state.rounds[0].pages.map(\.document) == ["d1", "d2"] && state.release == nil)
        #expect(try await ledger.qualityRound(document: "d2", page: 1)?.round == "r1")
        #expect(try await ledger.qualityRound(document: "d2", page: 2) == nil)
        #expect(try await fixture.actions() == [AuditAction.qualitySampleDrawn.rawValue])
    }

    func checksOnlySampledPagesAndNothingOnceReleased() async throws {
        try await fixture.addDocument("d1", state: .filed)
        try await fixture.addDocument("d2", state: .filed)
        let first = Self.round(1, pages: [("d1", 1)])
        try await ledger.commitSampleRound(first, event: Self.drawn(first))
        let (unsampled, unsampledEvent) = Self.check("d2", page: 1)
        #expect(await ScanPipelineError.Code.thrown {
            try await ledger.commitPageCheck(unsampled, batch: "b1", event: unsampledEvent)
        } == .qualityCheck)
        let (check, event) = Self.check("d1", page: 1)
        try await ledger.commitPageCheck(check, batch: "b1", event: event)
        let (release, releaseEvent) = Self.release()
        #expect(await ScanPipelineError.Code.thrown {
            try await ledger.commitRelease(release, expectedRounds: 1, expectedChecks: 0, event: releaseEvent)
        } == .staleState, "a check came in after the status was read")
        try await ledger.commitRelease(release, expectedRounds: 1, expectedChecks: 1, event: releaseEvent)
        #expect(try await ledger.qualityState(batch: "b1").release?.releasedBy == "b.meyer")
        #expect(await ScanPipelineError.Code.thrown {
            try await ledger.commitRelease(release, expectedRounds: 1, expectedChecks: 1, event: releaseEvent)
        } == .qualityCheck)
        #expect(await ScanPipelineError.Code.thrown { try await ledger.commitPageCheck(check, batch: "b1", event: event) } == .qualityCheck)
        let second = Self.round(2, pages: [("d2", 1)])
        #expect(await ScanPipelineError.Code.thrown { try await ledger.commitSampleRound(second, event: Self.drawn(second)) } == .qualityCheck)
        #expect(try await fixture.actions() == [AuditAction.qualitySampleDrawn, .qualityPageChecked, .qualityReleased].map(\.rawValue))
    }
}

@Suite struct SQLiteQualityLedgerTests {
    func run(_ test: (QualityLedgerConformance) async throws -> Void) async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await test(QualityLedgerConformance(ledger: fixture.store, fixture: fixture))
    }

    @Test func keepsRoundsInOrderAndRefusesAStaleOne() async throws { try await run { try await $0.keepsRoundsInOrderAndRefusesAStaleOne() } }
    @Test func checksOnlySampledPagesAndNothingOnceReleased() async throws {
        try await run { try await $0.checksOnlySampledPagesAndNothingOnceReleased() }
    }
}

/// The same suite against the PostgreSQL store (skipped, with the reason, without the test server).
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresQualityLedgerTests {
    func run(_ test: (QualityLedgerConformance) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in try await test(QualityLedgerConformance(ledger: fixture.store, fixture: fixture)) }
    }

    @Test func keepsRoundsInOrderAndRefusesAStaleOne() async throws { try await run { try await $0.keepsRoundsInOrderAndRefusesAStaleOne() } }
    @Test func checksOnlySampledPagesAndNothingOnceReleased() async throws {
        try await run { try await $0.checksOnlySampledPagesAndNothingOnceReleased() }
    }
}
