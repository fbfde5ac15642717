import TestSupport
import Foundation
import GRDB
@testable import ScanPipeline

/// A workspace in a temporary folder with documents put straight into the tables: store tests run
/// without Tesseract. The rows are test plumbing; what is tested goes through the protocols.
struct StoreFixture {
    let folder: TemporaryFolder
    let workspace: Workspace

    init() throws {
        folder = try TemporaryFolder()
        workspace = try Workspace(root: folder.url, software: "test")
    }

    var store: SQLiteStore { workspace.store as! SQLiteStore }

    func remove() { folder.remove() }

    /// A document in `state` of batch `b1`, with a record folder.
    func addDocument(_ id: String, state: DocumentState, quarantined: Bool = false) async throws {
        try await workspace.database.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO batch (id, openedAt, operator, profile, schutzbedarf, planVersion)
                  VALUES ('b1', '2026-12-01T00:00:00Z', 'Poststelle', 'default', 'normal', 'test@1')
                """)
            try db.execute(sql: "INSERT INTO sourceFile (sha256, batch, path, size, ingestedAt) VALUES (?, 'b1', ?, 1, '')",
                           arguments: ["sha-\(id)", "\(id).tif"])
            try db.execute(sql: """
                INSERT INTO document (id, batch, sourceFile, state, pageCount, recordPath, updatedAt) VALUES (?, 'b1', ?, ?, 1, ?, '')
                """, arguments: [id, "sha-\(id)", state.rawValue, quarantined ? nil : "records/\(id)"])
            if quarantined {
                try db.execute(sql: """
                    INSERT INTO quarantine (document, path, reasonFile, quarantinedAt) VALUES (?, ?, ?, '2026-12-01T00:00:00Z')
                    """, arguments: [id, "\(id).tif", "\(id).reason.json"])
            }
        }
    }

    /// Sets a document's state behind the store's back, as another process would.
    func force(_ id: String, to state: DocumentState) async throws {
        try await workspace.database.write { db in
            try db.execute(sql: "UPDATE document SET state = ? WHERE id = ?", arguments: [state.rawValue, id])
        }
    }

    func state(_ id: String) async throws -> String? {
        try await workspace.database.read { db in try String.fetchOne(db, sql: "SELECT state FROM document WHERE id = ?", arguments: [id]) }
    }

    func actions() async throws -> [String] { try await workspace.auditEvents().map(\.action) }
}

extension ScanPipelineError.Code {
    /// The code of what `work` throws, nil when it throws nothing (or something else).
    static func thrown(by work: () async throws -> Void) async -> ScanPipelineError.Code? {
        do { try await work(); return nil } catch let error as ScanPipelineError { return error.code } catch { return nil }
    }
}
