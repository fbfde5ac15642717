import Foundation
internal import GRDB

/// The audit trail in the `auditEvent` table: one writer appends (so sequences cannot collide),
/// triggers reject UPDATE and DELETE, and ``AuditHeadObserver`` rewrites the head file after each
/// commit that appended.
extension SQLiteStore: AuditLog {
    @discardableResult
    func append(_ entries: [AuditEntry]) async throws -> [AuditEvent] {
        try await database.write { db in try entries.map { try $0.append(db) } }
    }

    func events(_ query: AuditEventQuery) async throws -> [AuditEvent] {
        try await database.read { db in
            try AuditTrail.events(db, document: query.document, batch: query.batch, actions: query.actions, limit: query.limit)
        }
    }

    func head() async throws -> AuditHead {
        try await database.read { db in try AuditTrail.head(db) }
    }

    func hash(ofEvent sequence: Int64) async throws -> String? {
        try await database.read { db in try AuditTrail.hash(db, ofEvent: sequence) }
    }

    func verifyChain() async throws -> AuditTrail.Verification {
        try await database.read { db in try AuditTrail.verify(db) }
    }

    func subjects(matching reference: String, in column: AuditSubjectColumn) async throws -> [String] {
        // The column name comes from the enum, never from input.
        try await database.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT \(column.rawValue) FROM auditEvent
                WHERE \(column.rawValue) = :reference OR (length(:reference) >= 4 AND substr(\(column.rawValue), 1, length(:reference)) = :reference)
                """, arguments: ["reference": reference])
        }
    }
}
