import Foundation
import Testing
@testable import ScanPipeline

/// What any ``ExportLedger`` must do.
struct ExportLedgerConformance {
    let ledger: any ExportLedger
    let fixture: any StoreConformanceFixture

    func exported(_ document: String, target: String, folder: String, hash: String) -> AuditEntry {
        AuditEntry(actor: .person("R. Export"), subjects: AuditSubjects(batch: "b1", document: document),
                    payload: Workspace.RecordExported(target: target, folder: folder,
                                                      files: [.init(name: "\(document).pdf", sha256: hash)]))
    }

    func move(_ document: String, from state: DocumentState) throws -> ExportMove {
        ExportMove(document: document, expectedState: state, state: try DocumentLifecycle.target(of: .exported, from: state))
    }

    func returnsTheLastExportPerTargetAndFolder() async throws {
        try await fixture.addDocument("d1", state: .filed)
        try await fixture.addDocument("d2", state: .needsReview)
        try await ledger.recordExported(try move("d1", from: .filed), event: exported("d1", target: "json", folder: "/a", hash: "h1"))
        try await ledger.recordExported(try move("d1", from: .exported), event: exported("d1", target: "d3", folder: "/a", hash: "h2"))
        try await ledger.recordExported(try move("d1", from: .exported), event: exported("d1", target: "json", folder: "/b", hash: "h3"))
        try await ledger.recordExported(try move("d1", from: .exported), event: exported("d1", target: "json", folder: "/a", hash: "h4"))
        try await ledger.recordExported(try move("d2", from: .needsReview), event: exported("d2", target: "json", folder: "/a", hash: "h5"))
        let last = try await ledger.lastExports(target: "json", folder: "/a")
        #expect(last.mapValues { $0.files.map(\.sha256) } == ["d1": ["h4"], "d2": ["h5"]])
        #expect(try await ledger.lastExports(target: "d3", folder: "/a").mapValues { $0.files.map(\.sha256) } == ["d1": ["h2"]])
        #expect(try await ledger.lastExports(target: "xdomea", folder: "/a").isEmpty)
        // A filed record is exported now; one in review still waits for it.
        #expect(try await fixture.state("d1") == "exported")
        #expect(try await fixture.state("d2") == "needs-review")
        let listed = try await ledger.exportCandidates(states: [.filed, .exported], batchPrefix: nil)
        #expect(listed.map(\.id) == ["d1"] && listed.first?.state == .exported)
    }

    func refusesAnExportOfADocumentThatMovedOn() async throws {
        try await fixture.addDocument("d1", state: .filed)
        try await fixture.force("d1", to: .needsReview)
        #expect(await ScanPipelineError.Code.thrown {
            try await ledger.recordExported(try move("d1", from: .filed), event: exported("d1", target: "json", folder: "/a", hash: "h1"))
        } == .staleState)
        #expect(await ScanPipelineError.Code.thrown {
            try await ledger.recordExported(try move("nope", from: .filed), event: exported("nope", target: "json", folder: "/a", hash: "h"))
        } == .unknownID)
        #expect(try await fixture.actions().isEmpty)
        #expect(try await ledger.lastExports(target: "json", folder: "/a").isEmpty)
    }
}

@Suite struct SQLiteExportLedgerTests {
    func run(_ test: (ExportLedgerConformance) async throws -> Void) async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await test(ExportLedgerConformance(ledger: fixture.store, fixture: fixture))
    }

    @Test func returnsTheLastExportPerTargetAndFolder() async throws {
        try await run { try await $0.returnsTheLastExportPerTargetAndFolder() }
    }
    @Test func refusesAnExportOfADocumentThatMovedOn() async throws {
        try await run { try await $0.refusesAnExportOfADocumentThatMovedOn() }
    }
}
