import Foundation
package import ScanPipeline
import PostgresNIO
import Logging

extension PostgresStore: QualityLedger {
    package func qualityBatches(matching reference: String) async throws -> [String] {
        var sql = QueueSQL()
        let exact = sql.bind(reference)
        let prefix = sql.bind(Self.likeEscaped(reference.lowercased()) + "%")
        let query = PostgresQuery(unsafeSQL: "SELECT id FROM batch WHERE id = \(exact) OR \(Self.like("id", prefix)) ORDER BY id COLLATE \"C\"",
                                  binds: sql.bindings)
        return try await read { [logger] connection in
            try await connection.query(query, logger: logger).collect().map { try $0.decode(String.self) }
        }
    }

    package func qualityBatch(_ batch: String) async throws -> QualityLedgerBatch? {
        try await read { [logger] connection in
            guard let row = try await connection.query("SELECT id, closedAt FROM batch WHERE id = \(batch)", logger: logger)
                .collect().first else { return nil }
            let (id, closedAt) = try row.decode((String, String?).self)
            let documents = try await connection.query("""
                SELECT d.id, d.state, f.path FROM document d JOIN sourceFile f ON f.sha256 = d.sourceFile
                WHERE d.batch = \(batch) ORDER BY f.path COLLATE "C", d.id COLLATE "C"
                """, logger: logger).collect().map { row -> QualityLedgerBatch.Document in
                let (id, state, path) = try row.decode((String, String, String).self)
                guard let known = DocumentState(rawValue: state) else {
                    throw ScanPipelineError(.workspace, "document \(id) has an unknown state \(state)")
                }
                return .init(id: id, state: known, file: path)
            }
            // What the batch was given but made no document of: its paper is not in any record.
            let unprocessed = try await Self.trailEvents(on: connection, batch: batch, actions: [.fileSkipped, .fileQuarantined],
                                                         logger: logger)
                .compactMap { event -> QualityReport.Unprocessed? in
                    if let skip = event.payload(as: RunAuditPayload.FileSkipped.self) {
                        let harmless: Set<String> = [SkippedInput.Code.notAPage.rawValue, SkippedInput.Code.sameFile.rawValue,
                                                     SkippedInput.Code.hiddenName.rawValue]
                        return harmless.contains(skip.code) ? nil : .init(path: skip.path, reason: skip.reason)
                    }
                    guard event.document == nil, let quarantined = event.payload(as: RunAuditPayload.Quarantined.self) else { return nil }
                    return .init(path: quarantined.path, reason: quarantined.reason)
                }
            return QualityLedgerBatch(id: id, closed: closedAt != nil, documents: documents, unprocessed: unprocessed)
        }
    }

    package func qualityState(batch: String) async throws -> QualityLedgerState {
        try await read { [logger] connection in try await Self.qualityState(on: connection, batch: batch, logger: logger) }
    }

    package func qualityRound(document: String, page: Int) async throws -> (batch: String, round: String)? {
        let found = try await read { [logger] connection in
            try await connection.query("""
                SELECT r.batch, r.id FROM qaSample s JOIN qaRound r ON r.id = s.round WHERE s.document = \(document) AND s.page = \(page)
                ORDER BY r.number DESC LIMIT 1
                """, logger: logger).collect().first.map { try $0.decode((String, String).self) }
        }
        return found.map { (batch: $0.0, round: $0.1) }
    }

    package func commitSampleRound(_ round: QualityLedgerRound, event: AuditEntry) async throws {
        try await write { [logger] connection in
            try await Self.refuseReleased(on: connection, batch: round.batch, logger: logger)
            let rounds = try await connection.query("SELECT COUNT(*) FROM qaRound WHERE batch = \(round.batch)", logger: logger)
                .collect().first?.decode(Int.self) ?? 0
            guard rounds == round.number - 1 else {
                throw ScanPipelineError(.staleState, "batch \(round.batch) got another sample round meanwhile; look at it again")
            }
            try await connection.run("""
                INSERT INTO qaRound (id, batch, number, seed, rate, count, population, acceptance, drawnBy, drawnAt)
                VALUES (\(round.id), \(round.batch), \(round.number), \(round.seed), \(round.ratePercent), \(round.count),
                        \(round.population), \(round.acceptance), \(round.drawnBy), \(round.drawnAt))
                """, logger: logger)
            for (position, page) in round.pages.enumerated() {
                try await connection.run("""
                    INSERT INTO qaSample (round, position, document, page, imageSHA256, file)
                    VALUES (\(round.id), \(position), \(page.document), \(page.page), \(page.imageSHA256), \(page.file))
                    """, logger: logger)
            }
            try await Self.append([event], on: connection, logger: logger)
        }
    }

    package func commitPageCheck(_ check: QualityLedgerCheck, batch: String, event: AuditEntry) async throws {
        try await write { [logger] connection in
            try await Self.refuseReleased(on: connection, batch: batch, logger: logger)
            guard try await connection.count("""
                SELECT 1 FROM qaSample s JOIN qaRound r ON r.id = s.round
                WHERE s.round = \(check.round) AND r.batch = \(batch) AND s.document = \(check.document) AND s.page = \(check.page)
                LIMIT 1
                """, logger: logger) == 1 else {
                throw ScanPipelineError(.qualityCheck, "page \(check.page) of document \(check.document) is in no sample of batch \(batch)")
            }
            try await connection.run("""
                INSERT INTO qaCheck (round, document, page, imageSHA256, verdict, defect, note, checkedBy, checkedAt)
                VALUES (\(check.round), \(check.document), \(check.page), \(check.imageSHA256), \(check.verdict), \(check.defect),
                        \(check.note), \(check.checkedBy), \(check.checkedAt))
                """, logger: logger)
            try await Self.append([event], on: connection, logger: logger)
        }
    }

    package func commitRelease(_ release: QualityLedgerRelease, expectedRounds: Int, expectedChecks: Int, event: AuditEntry) async throws {
        try await write { [logger] connection in
            try await Self.refuseReleased(on: connection, batch: release.batch, logger: logger)
            let state = try await Self.qualityState(on: connection, batch: release.batch, logger: logger)
            guard state.rounds.count == expectedRounds, state.checks.count == expectedChecks else {
                throw ScanPipelineError(.staleState, "batch \(release.batch) got another sample round or check meanwhile; look at it again")
            }
            try await connection.run("""
                INSERT INTO qaRelease (batch, releasedBy, releasedAt, reason)
                VALUES (\(release.batch), \(release.releasedBy), \(release.releasedAt), \(release.reason))
                """, logger: logger)
            try await Self.append([event], on: connection, logger: logger)
        }
    }

    /// Refuses once the batch is released. Locks the batch's row first: SQLite has one writer,
    /// here the rounds, checks and release of one batch are serialised by it, so that a count read
    /// in the transaction still holds at its commit.
    private static func refuseReleased(on connection: PostgresConnection, batch: String, logger: Logger) async throws {
        _ = try await connection.count("SELECT 1 FROM batch WHERE id = \(batch) FOR UPDATE", logger: logger)
        if let at = try await connection.query("SELECT releasedAt FROM qaRelease WHERE batch = \(batch)", logger: logger)
            .collect().first?.decode(String.self) {
            throw ScanPipelineError(.qualityCheck, "the paper of batch \(batch) was released for destruction on \(at): its sample checks are closed")
        }
    }

    private static func qualityState(on connection: PostgresConnection, batch: String, logger: Logger) async throws -> QualityLedgerState {
        var pages: [String: [QualityLedgerRound.Sample]] = [:]
        for row in try await connection.query("""
            SELECT s.round, s.document, s.page, s.imageSHA256, s.file FROM qaSample s JOIN qaRound r ON r.id = s.round
            WHERE r.batch = \(batch) ORDER BY r.number, s.position
            """, logger: logger).collect() {
            let (round, document, page, imageSHA256, file) = try row.decode((String, String, Int, String, String).self)
            pages[round, default: []].append(.init(document: document, page: page, imageSHA256: imageSHA256, file: file))
        }
        let rounds = try await connection.query("""
            SELECT id, batch, number, seed, rate, count, population, acceptance, drawnBy, drawnAt FROM qaRound
            WHERE batch = \(batch) ORDER BY number
            """, logger: logger).collect().map { row in
            let (id, batch, number, seed, rate, count, population, acceptance, drawnBy, drawnAt) = try row.decode(
                (String, String, Int, String, Double?, Int?, Int, Int, String, String).self)
            return QualityLedgerRound(id: id, batch: batch, number: number, seed: seed, ratePercent: rate, count: count,
                                      population: population, acceptance: acceptance, drawnBy: drawnBy, drawnAt: drawnAt,
                                      pages: pages[id] ?? [])
        }
        let checks = try await connection.query("""
            SELECT c.round, c.document, c.page, c.imageSHA256, c.verdict, c.defect, c.note, c.checkedBy, c.checkedAt
            FROM qaCheck c JOIN qaRound r ON r.id = c.round WHERE r.batch = \(batch) ORDER BY c.sequence
            """, logger: logger).collect().map { row in
            let (round, document, page, imageSHA256, verdict, defect, note, checkedBy, checkedAt) = try row.decode(
                (String, String, Int, String, String, String?, String?, String, String).self)
            return QualityLedgerCheck(round: round, document: document, page: page, imageSHA256: imageSHA256, verdict: verdict,
                                      defect: defect, note: note, checkedBy: checkedBy, checkedAt: checkedAt)
        }
        let release = try await connection.query("""
            SELECT batch, releasedBy, releasedAt, reason FROM qaRelease WHERE batch = \(batch)
            """, logger: logger).collect().first.map { row in
            let (batch, releasedBy, releasedAt, reason) = try row.decode((String, String, String, String?).self)
            return QualityLedgerRelease(batch: batch, releasedBy: releasedBy, releasedAt: releasedAt, reason: reason)
        }
        return QualityLedgerState(rounds: rounds, checks: checks, release: release)
    }
}
