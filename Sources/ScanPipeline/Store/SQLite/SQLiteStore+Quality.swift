import Foundation
internal import GRDB

extension SQLiteStore: QualityLedger {
    func qualityBatches(matching reference: String) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM batch WHERE id = ? OR id LIKE ? ESCAPE '\\' ORDER BY id",
                                arguments: [reference, Self.likeEscaped(reference.lowercased()) + "%"])
        }
    }

    func qualityBatch(_ batch: String) async throws -> QualityLedgerBatch? {
        try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, closedAt FROM batch WHERE id = ?", arguments: [batch]) else { return nil }
            let documents = try Row.fetchAll(db, sql: """
                SELECT d.id, d.state, f.path FROM document d JOIN sourceFile f ON f.sha256 = d.sourceFile
                WHERE d.batch = ? ORDER BY f.path, d.id
                """, arguments: [batch]).map { row -> QualityLedgerBatch.Document in
                let state: String = row["state"]
                guard let known = DocumentState(rawValue: state) else {
                    throw ScanPipelineError(.workspace, "document \(row["id"] as String) has an unknown state \(state)")
                }
                return .init(id: row["id"], state: known, file: row["path"])
            }
            // What the batch was given but made no document of: its paper is not in any record.
            let unprocessed = try AuditTrail.events(db, batch: batch, actions: [.fileSkipped, .fileQuarantined])
                .compactMap { event -> QualityReport.Unprocessed? in
                    if let skip = event.payload(as: RunAuditPayload.FileSkipped.self) {
                        let harmless: Set<String> = [SkippedInput.Code.notAPage.rawValue, SkippedInput.Code.sameFile.rawValue,
                                                     SkippedInput.Code.hiddenName.rawValue]
                        return harmless.contains(skip.code) ? nil : .init(path: skip.path, reason: skip.reason)
                    }
                    guard event.document == nil, let quarantined = event.payload(as: RunAuditPayload.Quarantined.self) else { return nil }
                    return .init(path: quarantined.path, reason: quarantined.reason)
                }
            return QualityLedgerBatch(id: row["id"], closed: (row["closedAt"] as String?) != nil, documents: documents,
                                      unprocessed: unprocessed)
        }
    }

    func qualityState(batch: String) async throws -> QualityLedgerState {
        try await database.read { db in try Self.qualityState(db, batch: batch) }
    }

    func qualityRound(document: String, page: Int) async throws -> (batch: String, round: String)? {
        try await database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT r.batch, r.id FROM qaSample s JOIN qaRound r ON r.id = s.round WHERE s.document = ? AND s.page = ?
                ORDER BY r.number DESC LIMIT 1
                """, arguments: [document, page]).map { (batch: $0["batch"], round: $0["id"]) }
        }
    }

    func commitSampleRound(_ round: QualityLedgerRound, event: AuditEntry) async throws {
        try await database.write { db in
            try Self.refuseReleased(db, batch: round.batch)
            let rounds = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM qaRound WHERE batch = ?", arguments: [round.batch]) ?? 0
            guard rounds == round.number - 1 else {
                throw ScanPipelineError(.staleState, "batch \(round.batch) got another sample round meanwhile; look at it again")
            }
            try db.execute(sql: """
                INSERT INTO qaRound (id, batch, number, seed, rate, count, population, acceptance, drawnBy, drawnAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [round.id, round.batch, round.number, round.seed, round.ratePercent, round.count, round.population,
                                 round.acceptance, round.drawnBy, round.drawnAt])
            for (position, page) in round.pages.enumerated() {
                try db.execute(sql: """
                    INSERT INTO qaSample (round, position, document, page, imageSHA256, file) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [round.id, position, page.document, page.page, page.imageSHA256, page.file])
            }
            try event.append(db)
        }
    }

    func commitPageCheck(_ check: QualityLedgerCheck, batch: String, event: AuditEntry) async throws {
        try await database.write { db in
            try Self.refuseReleased(db, batch: batch)
            guard try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM qaSample s JOIN qaRound r ON r.id = s.round
                               WHERE s.round = ? AND r.batch = ? AND s.document = ? AND s.page = ?)
                """, arguments: [check.round, batch, check.document, check.page]) == true else {
                throw ScanPipelineError(.qualityCheck, "page \(check.page) of document \(check.document) is in no sample of batch \(batch)")
            }
            try db.execute(sql: """
                INSERT INTO qaCheck (round, document, page, imageSHA256, verdict, defect, note, checkedBy, checkedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [check.round, check.document, check.page, check.imageSHA256, check.verdict, check.defect, check.note,
                                 check.checkedBy, check.checkedAt])
            try event.append(db)
        }
    }

    func commitRelease(_ release: QualityLedgerRelease, expectedRounds: Int, expectedChecks: Int, event: AuditEntry) async throws {
        try await database.write { db in
            try Self.refuseReleased(db, batch: release.batch)
            let state = try Self.qualityState(db, batch: release.batch)
            guard state.rounds.count == expectedRounds, state.checks.count == expectedChecks else {
                throw ScanPipelineError(.staleState, "batch \(release.batch) got another sample round or check meanwhile; look at it again")
            }
            try db.execute(sql: "INSERT INTO qaRelease (batch, releasedBy, releasedAt, reason) VALUES (?, ?, ?, ?)",
                           arguments: [release.batch, release.releasedBy, release.releasedAt, release.reason])
            try event.append(db)
        }
    }

    private static func refuseReleased(_ db: Database, batch: String) throws {
        if let at = try String.fetchOne(db, sql: "SELECT releasedAt FROM qaRelease WHERE batch = ?", arguments: [batch]) {
            throw ScanPipelineError(.qualityCheck, "the paper of batch \(batch) was released for destruction on \(at): its sample checks are closed")
        }
    }

    private static func qualityState(_ db: Database, batch: String) throws -> QualityLedgerState {
        let samples = try Row.fetchAll(db, sql: """
            SELECT s.round, s.document, s.page, s.imageSHA256, s.file FROM qaSample s JOIN qaRound r ON r.id = s.round
            WHERE r.batch = ? ORDER BY r.number, s.position
            """, arguments: [batch])
        let pages = Dictionary(grouping: samples, by: { $0["round"] as String }).mapValues { rows in
            rows.map { QualityLedgerRound.Sample(document: $0["document"], page: $0["page"], imageSHA256: $0["imageSHA256"], file: $0["file"]) }
        }
        let rounds = try Row.fetchAll(db, sql: "SELECT * FROM qaRound WHERE batch = ? ORDER BY number", arguments: [batch]).map { row in
            QualityLedgerRound(id: row["id"], batch: row["batch"], number: row["number"], seed: row["seed"], ratePercent: row["rate"],
                               count: row["count"], population: row["population"], acceptance: row["acceptance"],
                               drawnBy: row["drawnBy"], drawnAt: row["drawnAt"], pages: pages[row["id"] as String] ?? [])
        }
        let checks = try Row.fetchAll(db, sql: """
            SELECT c.* FROM qaCheck c JOIN qaRound r ON r.id = c.round WHERE r.batch = ? ORDER BY c.sequence
            """, arguments: [batch]).map { row in
            QualityLedgerCheck(round: row["round"], document: row["document"], page: row["page"], imageSHA256: row["imageSHA256"],
                               verdict: row["verdict"], defect: row["defect"], note: row["note"], checkedBy: row["checkedBy"],
                               checkedAt: row["checkedAt"])
        }
        let release = try Row.fetchOne(db, sql: "SELECT * FROM qaRelease WHERE batch = ?", arguments: [batch]).map { row in
            QualityLedgerRelease(batch: row["batch"], releasedBy: row["releasedBy"], releasedAt: row["releasedAt"], reason: row["reason"])
        }
        return QualityLedgerState(rounds: rounds, checks: checks, release: release)
    }
}
