import Foundation
import TestSupport
@testable import ScanPipeline
@testable import ScanStorePostgres

/// The PostgreSQL store in a fresh database of the test server (a temporary folder for its head
/// file), with rows put straight into the tables through psql: the same rows ``StoreFixture`` puts
/// into SQLite. What is tested goes through the protocols.
struct PostgresStoreFixture: StoreConformanceFixture {
    let folder: TemporaryFolder
    let url: String
    let store: PostgresStore
    /// A workspace over the store, the folder as its file store (for tests through the domain).
    let workspace: Workspace

    init() async throws {
        folder = try TemporaryFolder()
        url = try PostgresTestServer.freshDatabase()
        store = try PostgresStore(url: url, headFile: folder.url.appendingPathComponent("audit-head.json"))
        workspace = try Workspace(store: store, files: folder.url, describedAs: store.location.redacted, software: "test")
        // The schema first: the rows below go in behind the store's back.
        try await store.waitUntilReady()
    }

    func remove() {
        store.shutdown()
        PostgresTestServer.dropDatabase(url)
        folder.remove()
    }

    /// Runs `sql` on the fixture's database.
    @discardableResult
    func psql(_ sql: String) throws -> String { try PostgresTestServer.psql(sql, database: url) }

    /// `text` as an SQL string literal, nil as NULL.
    static func literal(_ text: String?) -> String {
        text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
    }

    func addDocument(_ id: String, state: DocumentState, quarantined: Bool = false) async throws {
        let l = Self.literal
        try psql("""
            INSERT INTO batch (id, openedAt, operator, profile, schutzbedarf, planVersion)
              VALUES ('b1', '2026-12-01T00:00:00Z', 'Poststelle', 'default', 'normal', 'test@1') ON CONFLICT DO NOTHING;
            INSERT INTO sourceFile (sha256, batch, path, size, ingestedAt) VALUES (\(l("sha-\(id)")), 'b1', \(l("\(id).tif")), 1, '');
            INSERT INTO document (id, batch, sourceFile, state, pageCount, recordPath, updatedAt)
              VALUES (\(l(id)), 'b1', \(l("sha-\(id)")), \(l(state.rawValue)), 1, \(l(quarantined ? nil : "records/\(id)")), '');
            """ + (quarantined ? """
            INSERT INTO quarantine (document, path, reasonFile, quarantinedAt)
              VALUES (\(l(id)), \(l("\(id).tif")), \(l("\(id).reason.json")), '2026-12-01T00:00:00Z');
            """ : ""))
    }

    func addPage(document: String, number: Int, imageSHA256: String, blank: Bool, text: String) async throws {
        let l = Self.literal
        try psql("""
            INSERT INTO page (document, number, imageSHA256, blank, rotation, skew, wordCount, text)
              VALUES (\(l(document)), \(number), \(l(imageSHA256)), \(blank), 0, 0, \(blank ? 0 : 1), \(l(text)))
            """)
    }

    func append(_ entry: AuditEntry) async throws {
        try await store.write { [store] connection in
            _ = try await PostgresStore.append([entry], on: connection, logger: store.logger)
        }
    }

    func execute(_ sql: String) async throws { try psql(sql) }

    func force(_ id: String, to state: DocumentState) async throws {
        try psql("UPDATE document SET state = \(Self.literal(state.rawValue)) WHERE id = \(Self.literal(id))")
    }

    func state(_ id: String) async throws -> String? {
        let output = try psql("SELECT state FROM document WHERE id = \(Self.literal(id))")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return output.isEmpty ? nil : output
    }

    func actions() async throws -> [String] {
        try psql("SELECT action FROM auditEvent ORDER BY sequence").split(separator: "\n").map(String.init)
    }
}

extension PostgresStoreFixture {
    /// Runs `test` with a fresh fixture, removed after it. At most ``FixtureGate/limit`` run at
    /// once: each holds connections (two stores, psql), and the test server takes 100 clients.
    static func with(_ test: (PostgresStoreFixture) async throws -> Void) async throws {
        await FixtureGate.shared.enter()
        let fixture: PostgresStoreFixture
        do {
            fixture = try await PostgresStoreFixture()
        } catch {
            await FixtureGate.shared.leave()
            throw error
        }
        do {
            try await test(fixture)
        } catch {
            fixture.remove()
            await FixtureGate.shared.leave()
            throw error
        }
        fixture.remove()
        await FixtureGate.shared.leave()
    }
}

/// Lets a limited number of PostgreSQL fixtures run at once; the others wait their turn.
actor FixtureGate {
    static let limit = 12
    static let shared = FixtureGate()
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard running >= Self.limit else {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the place to the next waiting fixture, if any.
    func leave() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}
