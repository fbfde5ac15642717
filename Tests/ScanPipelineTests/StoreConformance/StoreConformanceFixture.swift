import Foundation
import GRDB
@testable import ScanPipeline

/// What a conformance suite asks of its fixture, whatever the backend: documents and pages put
/// straight into the tables, a state changed behind the store's back, events appended as another
/// command would, and what the trail holds. ``StoreFixture`` is SQLite's, ``PostgresStoreFixture``
/// PostgreSQL's.
protocol StoreConformanceFixture {
    /// A document in `state` of batch `b1`, with a record folder (none when `quarantined`).
    func addDocument(_ id: String, state: DocumentState, quarantined: Bool) async throws
    /// A recognised page of a document.
    func addPage(document: String, number: Int, imageSHA256: String, blank: Bool, text: String) async throws
    /// Appends an event in a transaction of its own.
    func append(_ entry: AuditEntry) async throws
    /// Runs statements that both dialects read alike (plain INSERT and UPDATE with literals).
    func execute(_ sql: String) async throws
    /// Sets a document's state behind the store's back, as another process would.
    func force(_ id: String, to state: DocumentState) async throws
    func state(_ id: String) async throws -> String?
    /// The trail's actions in order.
    func actions() async throws -> [String]
    func remove()
}

extension StoreConformanceFixture {
    func addDocument(_ id: String, state: DocumentState) async throws {
        try await addDocument(id, state: state, quarantined: false)
    }
}

extension StoreFixture: StoreConformanceFixture {
    func addPage(document: String, number: Int, imageSHA256: String, blank: Bool, text: String) async throws {
        try await workspace.database.write { db in
            try db.execute(sql: """
                INSERT INTO page (document, number, imageSHA256, blank, rotation, skew, wordCount, text)
                  VALUES (?, ?, ?, ?, 0, 0, ?, ?)
                """, arguments: [document, number, imageSHA256, blank, blank ? 0 : 1, text])
        }
    }

    func append(_ entry: AuditEntry) async throws {
        try await workspace.database.write { db in _ = try AuditTrail.append(db, entry) }
    }

    func execute(_ sql: String) async throws {
        try await workspace.database.write { db in try db.execute(sql: sql) }
    }
}
