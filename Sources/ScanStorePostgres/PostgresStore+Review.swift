import Foundation
package import ScanPipeline
import PostgresNIO
import Logging

extension PostgresStore: ReviewStore {
    package func reviewListing(document: String?) async throws -> ReviewListing {
        let pendingState = ReviewRequestState.pending.rawValue
        return try await read { [logger] connection in
            // Text sorts byte-wise (COLLATE "C") as SQLite's BINARY collation does.
            let rows = try await connection.query("""
                SELECT d.id, d.batch, d.state, d.classification, d.recordPath, s.path
                FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile JOIN batch b ON b.id = d.batch
                WHERE d.recordPath IS NOT NULL AND (\(document)::text IS NULL OR d.id = \(document))
                ORDER BY b.openedAt COLLATE "C", s.path COLLATE "C", d.id COLLATE "C"
                """, logger: logger).collect().map { row in
                    let (id, batch, state, classification, recordPath, path) = try row.decode((String, String, String, String?, String, String).self)
                    return ReviewListing.Row(id: id, batch: batch, state: state, recordPath: recordPath, sourcePath: path,
                                             classification: classification)
                }
            // SQLite reads them in insertion order; here in the order they were asked for.
            let pending = try await connection.query(
                Self.requestQuery("WHERE status = \(pendingState) ORDER BY requestedAt COLLATE \"C\", id COLLATE \"C\""), logger: logger)
                .collect().map(Self.request(_:))
            return ReviewListing(rows: rows, pending: pending)
        }
    }

    package func documentIDs(withRecord: Bool) async throws -> [String] {
        try await read { [logger] connection in
            try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT id FROM document \(withRecord ? "WHERE recordPath IS NOT NULL" : "") ORDER BY id COLLATE "C"
                """), logger: logger).collect().map { try $0.decode(String.self) }
        }
    }

    package func recognisedText(document: String) async throws -> [String] {
        try await read { [logger] connection in
            try await connection.query("SELECT text FROM page WHERE document = \(document) AND NOT blank ORDER BY number",
                                       logger: logger).collect().map { try $0.decode(String.self) }
        }
    }

    package func auditSubjects(document: String) async throws -> AuditSubjects? {
        try await read { [logger] connection in try await Self.auditSubjectsOfDocument(on: connection, document: document, logger: logger) }
    }

    package func recordPlacement(document: String) async throws -> RecordPlacement? {
        try await read { [logger] connection in
            try await connection.query("SELECT recordPath, pendingRecord FROM document WHERE id = \(document)", logger: logger)
                .collect().first.map { row in
                    let (recordPath, pendingRecord) = try row.decode((String?, String?).self)
                    return RecordPlacement(recordPath: recordPath, pendingRecord: pendingRecord)
                }
        }
    }

    package func documentsWithPendingRecord() async throws -> [String] {
        try await read { [logger] connection in
            try await connection.query("SELECT id FROM document WHERE pendingRecord IS NOT NULL ORDER BY id COLLATE \"C\"",
                                       logger: logger).collect().map { try $0.decode(String.self) }
        }
    }

    package func requestChange(_ request: ReviewChangeRequest, event: AuditEntry) async throws {
        let pending = ReviewRequestState.pending.rawValue
        try await write { [logger] connection in
            // SQLite has one writer; here two hosts may ask at once: the document's row is locked
            // first, so the second request sees the first one's row and is refused.
            _ = try await connection.count("SELECT 1 FROM document WHERE id = \(request.document) FOR UPDATE", logger: logger)
            let inserted = try await connection.count("""
                INSERT INTO reclassification (id, document, fromCode, toCode, decision, reason, requestedBy, requestedAt, rule,
                                              planVersion, status)
                SELECT \(request.id), \(request.document), \(request.fromCode), \(request.toCode), \(request.decision),
                       \(request.reason), \(request.requestedBy), \(AuditTrail.timestamp(request.requestedAt)), \(request.rule),
                       \(request.planVersion), \(pending)
                WHERE NOT EXISTS (SELECT 1 FROM reclassification WHERE document = \(request.document) AND status = \(pending))
                RETURNING id
                """, logger: logger)
            guard inserted == 1 else {
                throw ScanPipelineError(.review, "document \(request.document) already has a change waiting for approval")
            }
            try await Self.append([event], on: connection, logger: logger)
        }
    }

    package func decideRequest(_ id: String, document: String,
                               decision: @escaping @Sendable (PendingReclassification) throws -> ReviewRequestDecision) async throws {
        try await write { [logger] connection in
            let (request, state) = try await Self.storedRequest(on: connection, id: id, document: document, logger: logger)
            let decided = try decision(request)
            let next = try ReviewRequestLifecycle.target(of: decided.transition, from: state)
            try await Self.decide(on: connection, request: id, from: state, to: next, by: decided.decidedBy, reason: decided.reason,
                                  at: decided.audit.time, logger: logger)
            try await Self.append([decided.audit], on: connection, logger: logger)
        }
    }

    package func applyReview(_ review: ReviewApplication, fourEyes: @escaping @Sendable (PendingReclassification) throws -> Void,
                             event: AuditEntry) async throws {
        try await write { [logger] connection in
            // Locked: what is checked here is what the update below changes.
            guard let row = try await connection.query(
                "SELECT state, pendingRecord FROM document WHERE id = \(review.document) FOR UPDATE", logger: logger).collect().first else {
                throw ScanPipelineError(.unknownID, "document \(review.document) is not in the workspace")
            }
            let (state, pendingRecord) = try row.decode((String, String?).self)
            guard state == review.expectedState.rawValue, pendingRecord == nil else {
                throw ScanPipelineError(.staleState, "document \(review.document) changed meanwhile; look at it again")
            }
            if let approval = review.approval {
                let (request, state) = try await Self.storedRequest(on: connection, id: approval.request, document: review.document,
                                                                    logger: logger)
                let next = try ReviewRequestLifecycle.target(of: .approve, from: state)
                try fourEyes(request)
                try await Self.decide(on: connection, request: approval.request, from: state, to: next, by: approval.decidedBy,
                                      reason: approval.reason, at: event.time, logger: logger)
            }
            let updated = try await connection.count("""
                UPDATE document SET state = \(review.state.rawValue), planCode = \(review.planCode),
                                    pendingRecord = \(review.pendingRecord), schutzbedarf = \(review.schutzbedarf),
                                    updatedAt = \(AuditTrail.timestamp(event.time))
                WHERE id = \(review.document) AND state = \(review.expectedState.rawValue)
                RETURNING id
                """, logger: logger)
            guard updated == 1 else {
                throw ScanPipelineError(.staleState, "document \(review.document) changed meanwhile; look at it again")
            }
            try await Self.append([event], on: connection, logger: logger)
        }
    }

    package func completeRecordRewrite(document: String, event: AuditEntry) async throws {
        try await write { [logger] connection in
            try await connection.run("UPDATE document SET pendingRecord = NULL, pendingPDF = NULL WHERE id = \(document)",
                                     logger: logger)
            try await Self.append([event], on: connection, logger: logger)
        }
    }

    // MARK: - Inside transactions

    static func auditSubjectsOfDocument(on connection: PostgresConnection, document: String, logger: Logger) async throws
        -> AuditSubjects? {
        try await connection.query("SELECT batch, sourceFile FROM document WHERE id = \(document)", logger: logger)
            .collect().first.map { row in
                let (batch, file) = try row.decode((String, String).self)
                return AuditSubjects(batch: batch, file: file, document: document)
            }
    }

    /// The request columns, then `condition` (which binds its own values).
    private static func requestQuery(_ condition: PostgresQuery) -> PostgresQuery {
        PostgresQuery(unsafeSQL: """
            SELECT id, document, fromCode, toCode, decision, reason, requestedBy, requestedAt, rule, status FROM reclassification
            \(condition.sql)
            """, binds: condition.binds)
    }

    private static func request(_ row: PostgresRow) throws -> PendingReclassification {
        let (id, document, fromCode, toCode, decision, reason, requestedBy, requestedAt, rule, _) = try row.decode(
            (String, String, String?, String, String, String, String, String, String, String).self)
        return PendingReclassification(id: id, document: document, fromCode: fromCode, toCode: toCode, decision: decision,
                                       reason: reason, requestedBy: requestedBy, requestedAt: requestedAt, rule: rule)
    }

    /// The request and where it is, its row locked; `unknown-id` when the document has no request of that id.
    private static func storedRequest(on connection: PostgresConnection, id: String, document: String, logger: Logger) async throws
        -> (PendingReclassification, ReviewRequestState) {
        guard let row = try await connection.query(requestQuery("WHERE id = \(id) AND document = \(document) FOR UPDATE"),
                                                   logger: logger).collect().first,
              let state = ReviewRequestState(rawValue: try row.decode((String, String, String?, String, String, String, String, String,
                                                                       String, String).self).9) else {
            throw ScanPipelineError(.unknownID, "document \(document) has no change \(id) waiting")
        }
        return (try request(row), state)
    }

    /// Writes a request's decision, only from the state it was decided from.
    private static func decide(on connection: PostgresConnection, request: String, from: ReviewRequestState, to: ReviewRequestState,
                               by person: String, reason: String?, at time: Date, logger: Logger) async throws {
        let updated = try await connection.count("""
            UPDATE reclassification SET status = \(to.rawValue), decidedBy = \(person), decidedAt = \(AuditTrail.timestamp(time)),
                                        decisionReason = \(reason)
            WHERE id = \(request) AND status = \(from.rawValue)
            RETURNING id
            """, logger: logger)
        guard updated == 1 else {
            throw ScanPipelineError(.staleState, "the waiting change \(request) was decided meanwhile")
        }
    }
}
