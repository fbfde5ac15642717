import Foundation
internal import GRDB

extension SQLiteStore: RescanLedger {
    func commitRescan(_ rescan: RescanCommit) async throws {
        try await database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT state, updatedAt, pendingRecord FROM document WHERE id = ?",
                                             arguments: [rescan.document]),
                  row["state"] == rescan.expectedState.rawValue, row["updatedAt"] == rescan.expectedRevision,
                  (row["pendingRecord"] as String?) == nil else {
                throw ScanPipelineError(.staleState, "document \(rescan.document) changed meanwhile; look at it again")
            }
            for replaced in rescan.replaced {
                let page = replaced.page
                try db.execute(sql: """
                    UPDATE page SET imageSHA256 = ?, blank = ?, rotation = ?, skew = ?, meanConfidence = ?, wordCount = ?, text = ?,
                                    noText = ?, barcodes = ?, quality = ?
                    WHERE document = ? AND number = ?
                    """, arguments: [page.imageSHA256, page.blank, page.rotation, page.skew, page.meanConfidence, replaced.wordCount,
                                     page.text, page.noText, page.barcodes.isEmpty ? nil : try CanonicalJSON.string(page.barcodes),
                                     page.quality.isEmpty ? nil : try CanonicalJSON.string(page.quality),
                                     rescan.document, page.number])
                guard db.changesCount == 1 else {
                    throw ScanPipelineError(.rescan, "document \(rescan.document) has no page \(page.number)")
                }
            }
            for number in rescan.accepted {
                try db.execute(sql: "UPDATE page SET quality = NULL WHERE document = ? AND number = ?",
                               arguments: [rescan.document, number])
            }
            try db.execute(sql: """
                UPDATE document SET state = ?, classification = COALESCE(?, classification), confidence = COALESCE(?, confidence),
                                    suggestedCode = COALESCE(?, suggestedCode), pendingRecord = ?, pendingPDF = ?, updatedAt = ?
                WHERE id = ?
                """, arguments: [rescan.state.rawValue, rescan.classification, rescan.confidence, rescan.suggestedCode,
                                 rescan.pendingRecord, rescan.pendingPDF, AuditTrail.timestamp(rescan.event.time), rescan.document])
            try rescan.event.append(db)
        }
    }

    func batchProfile(batch: String) async throws -> String? {
        try await database.read { db in try String.fetchOne(db, sql: "SELECT profile FROM batch WHERE id = ?", arguments: [batch]) }
    }

    func revision(document: String) async throws -> String? {
        try await database.read { db in try String.fetchOne(db, sql: "SELECT updatedAt FROM document WHERE id = ?", arguments: [document]) }
    }

    func pendingPDF(document: String) async throws -> String? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT pendingPDF FROM document WHERE id = ?", arguments: [document])
        }
    }
}
