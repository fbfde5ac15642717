internal import GRDB

/// What `scanctl audit verify` compares, read in one transaction so that the chain, its head and
/// the tables are seen as of one moment.
extension SQLiteStore {
    /// The append-only triggers and what their SQL must say.
    static let appendOnlyTriggers = ["auditEvent_no_update": "BEFORE UPDATE ON auditEvent",
                                     "auditEvent_no_delete": "BEFORE DELETE ON auditEvent"]

    func trailEvidence(anchoredAt sequences: Set<Int64>) async throws -> TrailEvidence {
        try await database.read { db in
            var anchored: [Int64: String] = [:]
            for sequence in sequences {
                if let hash = try AuditTrail.hash(db, ofEvent: sequence) { anchored[sequence] = hash }
            }
            return TrailEvidence(
                chain: try AuditTrail.verify(db), head: try AuditTrail.head(db), anchoredHashes: anchored,
                transfervermerkWritten: try AuditTrail.events(db, actions: [.transfervermerkWritten]).filter { $0.batch != nil },
                closedBatches: try Self.closedBatches(db), inconsistencies: try Self.inconsistencies(db),
                appendOnlyGuards: try Self.appendOnlyGuards(db))
        }
    }

    /// Every `batch.closed` event with the hash of the event before it.
    private static func closedBatches(_ db: Database) throws -> [TrailEvidence.ClosedBatch] {
        try Row.fetchAll(db, sql: """
            SELECT \(AuditEvent.columns(of: "e")), p.hash AS previous
            FROM auditEvent e LEFT JOIN auditEvent p ON p.sequence = e.sequence - 1 WHERE e.action = ? ORDER BY e.sequence
            """, arguments: [AuditAction.batchClosed.rawValue]).map { row in
            TrailEvidence.ClosedBatch(event: try AuditEvent(row: row), previousHash: row["previous"])
        }
    }

    /// Rows without the events that made them, and events naming rows that do not exist. `NOT IN`
    /// over a subquery lets SQLite build a temporary index once (`auditEvent.file` has none).
    private static func inconsistencies(_ db: Database) throws -> [TrailEvidence.Inconsistency] {
        let opened = AuditAction.batchOpened.rawValue
        let closed = AuditAction.batchClosed.rawValue
        let recordWritten = AuditAction.recordWritten.rawValue
        let checks: [(sql: String, arguments: StatementArguments, finding: (String) -> TrailEvidence.Inconsistency)] = [
            ("""
             SELECT id FROM batch b WHERE NOT EXISTS (SELECT 1 FROM auditEvent e WHERE e.batch = b.id AND e.action = ?)
             """, [opened], { .batchWithoutOpenedEvent(batch: $0) }),
            ("""
             SELECT id FROM batch b WHERE closedAt IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM auditEvent e WHERE e.batch = b.id AND e.action = ?)
             """, [closed], { .closedBatchWithoutClosedEvent(batch: $0) }),
            ("""
             SELECT id FROM batch b WHERE closedAt IS NULL
               AND EXISTS (SELECT 1 FROM auditEvent e WHERE e.batch = b.id AND e.action = ?)
             """, [closed], { .openBatchClosedByTrail(batch: $0) }),
            ("""
             SELECT id FROM document WHERE id NOT IN (SELECT document FROM auditEvent WHERE document IS NOT NULL)
             """, [], { .documentWithoutEvent(document: $0) }),
            ("""
             SELECT id FROM document d WHERE recordPath IS NOT NULL AND NOT EXISTS
               (SELECT 1 FROM auditEvent e WHERE e.document = d.id AND e.action = ?)
             """, [recordWritten], { .recordWithoutWrittenEvent(document: $0) }),
            ("""
             SELECT sha256 FROM sourceFile WHERE sha256 NOT IN (SELECT file FROM auditEvent WHERE file IS NOT NULL)
             """, [], { .sourceFileWithoutEvent(sha256: $0) }),
            ("""
             SELECT DISTINCT document FROM auditEvent WHERE document IS NOT NULL AND document NOT IN (SELECT id FROM document)
             """, [], { .eventNamesUnknownDocument(document: $0) }),
            ("""
             SELECT DISTINCT batch FROM auditEvent WHERE batch IS NOT NULL AND batch NOT IN (SELECT id FROM batch)
             """, [], { .eventNamesUnknownBatch(batch: $0) }),
        ]
        return try checks.flatMap { check in try String.fetchAll(db, sql: check.sql, arguments: check.arguments).map(check.finding) }
    }

    /// Both append-only triggers exist on the audit table and still abort.
    private static func appendOnlyGuards(_ db: Database) throws -> [TrailEvidence.AppendOnlyGuard] {
        let present = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'auditEvent'")
            .reduce(into: [String: String]()) { $0[$1["name"]] = $1["sql"] }
        return appendOnlyTriggers.sorted { $0.key < $1.key }.map { name, clause in
            guard let sql = present[name] else { return .init(name: name, condition: .missing) }
            let compact = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return .init(name: name, condition: compact.contains(clause) && compact.contains("RAISE(ABORT") ? .inPlace : .altered)
        }
    }
}
