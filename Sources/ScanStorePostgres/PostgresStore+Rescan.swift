import Foundation
package import ScanPipeline
import PostgresNIO

extension PostgresStore: RescanLedger {
    package func commitRescan(_ rescan: RescanCommit) async throws {
        try await write { [logger] connection in
            // Locked: the state, revision and pending record checked here hold until the commit.
            guard let row = try await connection.query("""
                SELECT state, updatedAt, pendingRecord FROM document WHERE id = \(rescan.document) FOR UPDATE
                """, logger: logger).collect().first,
                  case let (state, updatedAt, pendingRecord) = try row.decode((String, String, String?).self),
                  state == rescan.expectedState.rawValue, updatedAt == rescan.expectedRevision, pendingRecord == nil else {
                throw ScanPipelineError(.staleState, "document \(rescan.document) changed meanwhile; look at it again")
            }
            for replaced in rescan.replaced {
                let page = replaced.page
                let barcodes = page.barcodes.isEmpty ? nil : try CanonicalJSON.string(page.barcodes)
                let quality = page.quality.isEmpty ? nil : try CanonicalJSON.string(page.quality)
                let updated = try await connection.count("""
                    UPDATE page SET imageSHA256 = \(page.imageSHA256), blank = \(page.blank), rotation = \(page.rotation),
                                    skew = \(page.skew), meanConfidence = \(page.meanConfidence), wordCount = \(replaced.wordCount),
                                    text = \(page.text), noText = \(page.noText), barcodes = \(barcodes), quality = \(quality)
                    WHERE document = \(rescan.document) AND number = \(page.number)
                    RETURNING number
                    """, logger: logger)
                guard updated == 1 else {
                    throw ScanPipelineError(.rescan, "document \(rescan.document) has no page \(page.number)")
                }
            }
            for number in rescan.accepted {
                try await connection.run("UPDATE page SET quality = NULL WHERE document = \(rescan.document) AND number = \(number)",
                                         logger: logger)
            }
            try await connection.run("""
                UPDATE document SET state = \(rescan.state.rawValue), classification = COALESCE(\(rescan.classification), classification),
                                    confidence = COALESCE(\(rescan.confidence), confidence),
                                    suggestedCode = COALESCE(\(rescan.suggestedCode), suggestedCode),
                                    pendingRecord = \(rescan.pendingRecord), pendingPDF = \(rescan.pendingPDF),
                                    updatedAt = \(AuditTrail.timestamp(rescan.event.time))
                WHERE id = \(rescan.document)
                """, logger: logger)
            try await Self.append([rescan.event], on: connection, logger: logger)
        }
    }

    package func batchProfile(batch: String) async throws -> String? {
        try await read { [logger] connection in
            try await connection.query("SELECT profile FROM batch WHERE id = \(batch)", logger: logger).collect().first?.decode(String.self)
        }
    }

    package func revision(document: String) async throws -> String? {
        try await read { [logger] connection in
            try await connection.query("SELECT updatedAt FROM document WHERE id = \(document)", logger: logger)
                .collect().first?.decode(String.self)
        }
    }

    package func pendingPDF(document: String) async throws -> String? {
        try await read { [logger] connection in
            try await connection.query("SELECT pendingPDF FROM document WHERE id = \(document)", logger: logger)
                .collect().first?.decode(String?.self) ?? nil
        }
    }
}
