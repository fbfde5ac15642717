import Foundation
internal import GRDB

extension SQLiteStore: ReviewStore {
    func reviewListing(document: String?) async throws -> ReviewListing {
        let pendingState = ReviewRequestState.pending.rawValue
        return try await database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.id, d.batch, d.state, d.classification, d.recordPath, s.path
                FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile JOIN batch b ON b.id = d.batch
                WHERE d.recordPath IS NOT NULL AND (? IS NULL OR d.id = ?)
                ORDER BY b.openedAt, s.path, d.id
                """, arguments: [document, document]).map { row in
                    ReviewListing.Row(id: row["id"], batch: row["batch"], state: row["state"], recordPath: row["recordPath"],
                                      sourcePath: row["path"], classification: row["classification"])
                }
            let pending = try Row.fetchAll(db, sql: "\(Self.requestColumns) WHERE status = ?", arguments: [pendingState])
                .map(Self.request(_:))
            return ReviewListing(rows: rows, pending: pending)
        }
    }

    func documentIDs(withRecord: Bool) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM document \(withRecord ? "WHERE recordPath IS NOT NULL" : "") ORDER BY id")
        }
    }

    func recognisedText(document: String) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT text FROM page WHERE document = ? AND NOT blank ORDER BY number",
                                arguments: [document])
        }
    }

    func auditSubjects(document: String) async throws -> AuditSubjects? {
        try await database.read { db in try Self.auditSubjectsOfDocument(db, document: document) }
    }

    func recordPlacement(document: String) async throws -> RecordPlacement? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT recordPath, pendingRecord FROM document WHERE id = ?", arguments: [document])
                .map { RecordPlacement(recordPath: $0["recordPath"], pendingRecord: $0["pendingRecord"]) }
        }
    }

    func documentsWithPendingRecord() async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM document WHERE pendingRecord IS NOT NULL ORDER BY id")
        }
    }

    func requestChange(_ request: ReviewChangeRequest, event: AuditEntry) async throws {
        let pending = ReviewRequestState.pending.rawValue
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO reclassification (id, document, fromCode, toCode, decision, reason, requestedBy, requestedAt, rule,
                                              planVersion, status)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM reclassification WHERE document = ? AND status = ?)
                """, arguments: [request.id, request.document, request.fromCode, request.toCode, request.decision, request.reason,
                                 request.requestedBy, AuditTrail.timestamp(request.requestedAt), request.rule,
                                 request.planVersion, pending, request.document, pending])
            guard db.changesCount == 1 else {
                throw ScanPipelineError(.review, "document \(request.document) already has a change waiting for approval")
            }
            try event.append(db)
        }
    }

    func decideRequest(_ id: String, document: String,
                       decision: @escaping @Sendable (PendingReclassification) throws -> ReviewRequestDecision) async throws {
        try await database.write { db in
            let (request, state) = try Self.storedRequest(db, id: id, document: document)
            let decided = try decision(request)
            let next = try ReviewRequestLifecycle.target(of: decided.transition, from: state)
            try Self.decide(db, request: id, from: state, to: next, by: decided.decidedBy, reason: decided.reason,
                            at: decided.audit.time)
            try decided.audit.append(db)
        }
    }

    func applyReview(_ review: ReviewApplication, fourEyes: @escaping @Sendable (PendingReclassification) throws -> Void,
                     event: AuditEntry) async throws {
        try await database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT state, pendingRecord FROM document WHERE id = ?",
                                             arguments: [review.document]) else {
                throw ScanPipelineError(.unknownID, "document \(review.document) is not in the workspace")
            }
            guard row["state"] == review.expectedState.rawValue, (row["pendingRecord"] as String?) == nil else {
                throw ScanPipelineError(.staleState, "document \(review.document) changed meanwhile; look at it again")
            }
            if let approval = review.approval {
                let (request, state) = try Self.storedRequest(db, id: approval.request, document: review.document)
                let next = try ReviewRequestLifecycle.target(of: .approve, from: state)
                try fourEyes(request)
                try Self.decide(db, request: approval.request, from: state, to: next, by: approval.decidedBy,
                                reason: approval.reason, at: event.time)
            }
            try db.execute(sql: """
                UPDATE document SET state = ?, planCode = ?, pendingRecord = ?, schutzbedarf = ?, updatedAt = ?
                WHERE id = ? AND state = ?
                """, arguments: [review.state.rawValue, review.planCode, review.pendingRecord, review.schutzbedarf,
                                 AuditTrail.timestamp(event.time),
                                 review.document, review.expectedState.rawValue])
            guard db.changesCount == 1 else {
                throw ScanPipelineError(.staleState, "document \(review.document) changed meanwhile; look at it again")
            }
            try event.append(db)
        }
    }

    func completeRecordRewrite(document: String, event: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE document SET pendingRecord = NULL, pendingPDF = NULL WHERE id = ?", arguments: [document])
            try event.append(db)
        }
    }

    // MARK: - Inside transactions

    static func auditSubjectsOfDocument(_ db: Database, document: String) throws -> AuditSubjects? {
        try Row.fetchOne(db, sql: "SELECT batch, sourceFile FROM document WHERE id = ?", arguments: [document])
            .map { AuditSubjects(batch: $0["batch"], file: $0["sourceFile"], document: document) }
    }

    private static let requestColumns = """
        SELECT id, document, fromCode, toCode, decision, reason, requestedBy, requestedAt, rule, status FROM reclassification
        """

    private static func request(_ row: Row) -> PendingReclassification {
        PendingReclassification(id: row["id"], document: row["document"], fromCode: row["fromCode"], toCode: row["toCode"],
                                decision: row["decision"], reason: row["reason"], requestedBy: row["requestedBy"],
                                requestedAt: row["requestedAt"], rule: row["rule"])
    }

    /// The request and where it is; `unknown-id` when the document has no request of that id.
    private static func storedRequest(_ db: Database, id: String, document: String) throws
        -> (PendingReclassification, ReviewRequestState) {
        guard let row = try Row.fetchOne(db, sql: "\(requestColumns) WHERE id = ? AND document = ?", arguments: [id, document]),
              let state = ReviewRequestState(rawValue: row["status"]) else {
            throw ScanPipelineError(.unknownID, "document \(document) has no change \(id) waiting")
        }
        return (request(row), state)
    }

    /// Writes a request's decision, only from the state it was decided from.
    private static func decide(_ db: Database, request: String, from: ReviewRequestState, to: ReviewRequestState,
                               by person: String, reason: String?, at time: Date) throws {
        try db.execute(sql: """
            UPDATE reclassification SET status = ?, decidedBy = ?, decidedAt = ?, decisionReason = ? WHERE id = ? AND status = ?
            """, arguments: [to.rawValue, person, AuditTrail.timestamp(time), reason, request, from.rawValue])
        guard db.changesCount == 1 else {
            throw ScanPipelineError(.staleState, "the waiting change \(request) was decided meanwhile")
        }
    }
}
