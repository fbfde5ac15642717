import Foundation
internal import GRDB

extension AuditEntry {
    /// Appends the entry in the caller's write transaction, at its own time.
    @discardableResult
    func append(_ db: Database) throws -> AuditEvent {
        try AuditTrail.append(db, self)
    }
}
