import Foundation
import Testing
import TestSupport
@testable import ScanPipeline

/// What any ``ModelLedger`` must do.
struct ModelLedgerConformance {
    let ledger: any ModelLedger
    let fixture: any StoreConformanceFixture

    func trained(_ digest: String) -> AuditEntry {
        AuditEntry(actor: .person("Records Manager"), payload: Workspace.ModelTrained(
            model: "model@\(digest)", sha256: digest, file: "models/\(digest).json", planVersion: "test@1", seed: 1, sources: [],
            vocabulary: 10, levels: [1], trainingSeconds: 0.5))
    }

    func namesTheNewestModel() async throws {
        #expect(try await ledger.newestModelTrained() == nil)
        try await ledger.recordModelTrained(trained("aaa"))
        try await ledger.recordModelTrained(trained("bbb"))
        let newest = try #require(try await ledger.newestModelTrained())
        #expect(newest.payload(as: Workspace.ModelTrained.self)?.sha256 == "bbb")
    }

    func returnsTheNewestReviewPerDocumentWithItsText() async throws {
        try await fixture.addDocument("d1", state: .filed)
        try await fixture.addPage(document: "d1", number: 2, imageSHA256: "p2", blank: false, text: "zwei")
        try await fixture.addPage(document: "d1", number: 1, imageSHA256: "p1", blank: false, text: "eins")
        try await fixture.addPage(document: "d1", number: 3, imageSHA256: "p3", blank: true, text: "leer")
        for code in ["63", "632.10"] {
            try await fixture.append(AuditEntry(actor: .person("R"), subjects: AuditSubjects(document: "d1"), payload: ReviewAuditPayload.Reviewed(
                code: code, previousCode: nil, previousState: "filed", state: "filed", decision: "reclassified", reviewer: "R",
                reason: nil, planVersion: "test@1")))
        }
        let decisions = try await ledger.reviewedDecisions()
        #expect(decisions.map(\.document) == ["d1"])
        #expect(decisions.first?.event.payload(as: ReviewAuditPayload.Reviewed.self)?.code == "632.10")
        #expect(decisions.first?.pageTexts == ["eins", "zwei"])
    }
}

@Suite struct SQLiteModelLedgerTests {
    func run(_ test: (ModelLedgerConformance) async throws -> Void) async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await test(ModelLedgerConformance(ledger: fixture.store, fixture: fixture))
    }

    @Test func namesTheNewestModel() async throws { try await run { try await $0.namesTheNewestModel() } }
    @Test func returnsTheNewestReviewPerDocumentWithItsText() async throws {
        try await run { try await $0.returnsTheNewestReviewPerDocumentWithItsText() }
    }
}

/// The same suite against the PostgreSQL store (skipped, with the reason, without the test server).
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresModelLedgerTests {
    func run(_ test: (ModelLedgerConformance) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in try await test(ModelLedgerConformance(ledger: fixture.store, fixture: fixture)) }
    }

    @Test func namesTheNewestModel() async throws { try await run { try await $0.namesTheNewestModel() } }
    @Test func returnsTheNewestReviewPerDocumentWithItsText() async throws {
        try await run { try await $0.returnsTheNewestReviewPerDocumentWithItsText() }
    }
}
