import Foundation
import GRDB
import Testing
@testable import ScanPipeline

/// What any ``ModelLedger`` must do.
struct ModelLedgerConformance {
    let ledger: any ModelLedger
    let fixture: StoreFixture

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
        try await fixture.workspace.database.write { db in
            try db.execute(sql: """
                INSERT INTO page (document, number, imageSHA256, blank, rotation, skew, wordCount, text)
                  VALUES ('d1', 2, 'p2', 0, 0, 0, 1, 'zwei'), ('d1', 1, 'p1', 0, 0, 0, 1, 'eins'), ('d1', 3, 'p3', 1, 0, 0, 0, 'leer')
                """)
            for code in ["63", "632.10"] {
                _ = try AuditTrail.append(db, actor: .person("R"), subjects: AuditSubjects(document: "d1"), payload: ReviewAuditPayload.Reviewed(
                    code: code, previousCode: nil, previousState: "filed", state: "filed", decision: "reclassified", reviewer: "R",
                    reason: nil, planVersion: "test@1"))
            }
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
