import Foundation
import Logging
import ScanStorePostgres
import TestSupport
import Testing
@testable import ScanPipeline

/// `scanctl workspace migrate`'s library side: an SQLite workspace with records, a review
/// decision and a quarantined file moves into an empty PostgreSQL one, the same chain, checked.
@Suite(.serialized, .enabled(if: PostgresTestServer.isAvailable,
                             "needs the PostgreSQL test server (scripts/test.sh starts one; SCANCTL_TEST_POSTGRES)"))
struct WorkspaceMigrationTests {
    @Test func aWorkspaceMovesIntoPostgreSQLWithItsChainAndRecords() async throws {
        let fixture = try BatchRunnerTests.Fixture()
        defer { fixture.folder.remove() }
        let broken = fixture.input.appendingPathComponent("kaputt.png")
        try Data("not a picture".utf8).write(to: broken)
        let summary = try await fixture.run([fixture.input.path])
        #expect(summary.documents.count == 3)
        #expect(summary.quarantined == 1)

        let database = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.dropDatabase(database) }
        let store = fixture.folder.url.appendingPathComponent("store", isDirectory: true)
        let target = try SharedWorkspace.open(database: database, files: store, scratch: nil, software: "test", logger: .init(label: "test"))
        let report = try await fixture.workspace.migrate(to: target, by: "Test")
        #expect(report.problems == [])
        #expect(report.verified)
        #expect(report.tables.first { $0.name == "auditEvent" }?.rows == (try await fixture.workspace.auditEvents().count))
        #expect(report.files > 0)

        // The same documents, records and trail, now read through the PostgreSQL store.
        let moved = try await target.auditEvents()
        let original = try await fixture.workspace.auditEvents()
        #expect(Array(moved.prefix(original.count)).map(\.hash) == original.map(\.hash))
        #expect(moved.last?.action == AuditAction.workspaceMigrated.rawValue)
        let verification = try await target.verifyTrail(records: true)
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(try await target.quarantineLedger.quarantinedDocumentIDs().count == 1)
        #expect(try await target.reviews.documentIDs(withRecord: true).count == 2)

        // A second move into the same database is refused: it is not empty any more.
        await #expect(throws: ScanPipelineError.self) { _ = try await fixture.workspace.migrate(to: target, by: "Test") }
    }
}
