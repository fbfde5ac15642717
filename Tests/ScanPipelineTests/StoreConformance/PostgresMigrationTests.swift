import Foundation
import GRDB
import TestSupport
import Testing
@testable import ScanPipeline
@testable import ScanStorePostgres

/// `scanctl workspace migrate` from SQLite into the PostgreSQL store: every table's rows as they
/// are (SQLite's booleans and the `user` table included), the same chain, and appends that go on
/// from its end.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresMigrationTests {
    @Test func aWorkspaceMovesIntoTheSharedStoreWithItsChain() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try Workspace(root: folder.url.appendingPathComponent("sqlite", isDirectory: true), software: "test")
        let seeding = DocumentStoreConformance(store: source.documents)
        let first = try await seeding.seedDocument(sha256: String(repeating: "1", count: 64))
        _ = try await seeding.seedDocument(sha256: String(repeating: "2", count: 64))
        try await source.database.write { db in
            try db.execute(sql: """
                INSERT INTO page (document, number, imageSHA256, blank, rotation, skew, meanConfidence, wordCount, text, separator)
                VALUES (?, 1, 'img', 1, 90, 0.25, NULL, 0, '', 0)
                """, arguments: [first])
            try db.execute(sql: """
                INSERT INTO user (name, displayName, role, passwordHash, disabled, createdAt)
                VALUES ('anna', 'Anna', 'operator', 'hash', 1, '2026-12-01T00:00:00Z')
                """)
            try db.execute(sql: "INSERT INTO savedView (user, name, query) VALUES ('anna', 'mine', 'state=filed')")
        }
        let url = try PostgresTestServer.freshDatabase()
        defer { PostgresTestServer.dropDatabase(url) }
        let files = folder.url.appendingPathComponent("shared", isDirectory: true)
        let store = try PostgresStore(url: url, headFile: files.appendingPathComponent(AuditHeadFile.fileName))
        defer { store.shutdown() }
        let target = try Workspace(store: store, files: files, describedAs: store.location.redacted, software: "test")

        let report = try await source.migrate(to: target, by: "Test")
        #expect(report.problems.isEmpty)
        #expect(report.verified)
        #expect(try await store.pages(of: first).map(\.blank) == [true])
        #expect(try await store.pages(of: first).first?.rotation == 90)
        #expect(try PostgresTestServer.psql("SELECT disabled FROM account WHERE name = 'anna'", database: url)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "t")
        #expect(try PostgresTestServer.psql("SELECT account FROM savedView", database: url)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "anna")
        // The workspace.migrated event chains on to the moved trail's end.
        let chain = try await store.verifyChain()
        #expect(chain.isIntact && chain.events == report.auditEvents + 1)
        #expect(try await store.events(.all).last?.action == AuditAction.workspaceMigrated.rawValue)
        #expect(try await store.isEmpty() == false)
    }
}
