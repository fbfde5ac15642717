import Foundation
internal import GRDB

/// The quarantine rows written inside the pipeline's and the quarantine commands' transactions, so
/// that a document's state, its quarantine row and the audit event change together.
extension Workspace {
    /// Notes where a document just moved to `quarantined` was kept.
    static func recordQuarantine(_ db: Database, document: String, path: String, kept: QuarantineStore.Kept, time: String) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO quarantine (document, path, storedAs, reasonFile, quarantinedAt) VALUES (?, ?, ?, ?, ?)
            """, arguments: [document, path, kept.storedAs, kept.reasonFile, time])
    }

    /// A quarantined (or released) document to close because its file runs again.
    struct RetryClosure: Sendable {
        var document: String
        var operatorName: String
        var reason: String
    }

    /// Closes quarantined documents as retried by `successor` (registered in the same transaction),
    /// each with its `quarantine.retried` event.
    static func closeAsRetried(_ db: Database, _ closures: [RetryClosure], successor: String, path: String, sha256: String,
                               fromCopy: Bool, batch: String) throws {
        for closure in closures {
            guard let row = try Row.fetchOne(db, sql: "SELECT state, sourceFile, problemCode FROM document WHERE id = ?",
                                             arguments: [closure.document]) else { continue }
            let previous: String = row["state"]
            let original: String = row["sourceFile"]
            // Closed already (by a retry that ran first): it keeps its first successor.
            guard previous == DocumentState.quarantined.rawValue || previous == DocumentState.released.rawValue else { continue }
            try move(db, document: closure.document, to: .retried)
            let now = AuditTrail.timestamp(Date())
            try db.execute(sql: """
                UPDATE quarantine SET closedAt = ?, closedBy = ?, closeReason = ?, retriedAs = ? WHERE document = ?
                """, arguments: [now, closure.operatorName, closure.reason, successor, closure.document])
            let payload = QuarantineAuditPayload.Retried(
                operator: closure.operatorName, previousState: previous, state: DocumentState.retried.rawValue,
                reason: closure.reason, previousCode: row["problemCode"], path: path, sha256: sha256,
                replacement: original != sha256, fromCopy: fromCopy, retriedAs: successor)
            try AuditTrail.append(db, actor: .person(closure.operatorName), action: .quarantineRetried,
                                  subjects: AuditSubjects(batch: batch, file: original, document: closure.document), payload: payload)
        }
    }
}
