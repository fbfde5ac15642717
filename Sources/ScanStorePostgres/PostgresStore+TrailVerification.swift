import Foundation
package import ScanPipeline
import PostgresNIO

/// What `scanctl audit verify` compares, read in one REPEATABLE READ transaction (``read(_:)``)
/// so that the chain, its head and the tables are seen as of one moment while other hosts write.
extension PostgresStore {
    /// The append-only triggers and what their definition must say.
    static let appendOnlyTriggers = ["auditEvent_no_update": "BEFORE UPDATE ON",
                                     "auditEvent_no_delete": "BEFORE DELETE ON",
                                     "auditEvent_no_truncate": "BEFORE TRUNCATE ON"]

    package func trailEvidence(anchoredAt sequences: Set<Int64>) async throws -> TrailEvidence {
        try await read { [logger] connection in
            var anchored: [Int64: String] = [:]
            for sequence in sequences {
                if let hash = try await Self.hash(ofEvent: sequence, on: connection, logger: logger) { anchored[sequence] = hash }
            }
            return TrailEvidence(
                chain: try await Self.verify(on: connection, logger: logger),
                head: try await Self.lastEvent(on: connection, logger: logger), anchoredHashes: anchored,
                transfervermerkWritten: try await Self.trailEvents(on: connection, actions: [.transfervermerkWritten], logger: logger)
                    .filter { $0.batch != nil },
                closedBatches: try await Self.closedBatches(on: connection, logger: logger),
                inconsistencies: try await Self.inconsistencies(on: connection, logger: logger),
                appendOnlyGuards: try await Self.appendOnlyGuards(on: connection, logger: logger))
        }
    }

    /// Every `batch.closed` event with the hash of the event before it.
    private static func closedBatches(on connection: PostgresConnection, logger: Logger) async throws -> [TrailEvidence.ClosedBatch] {
        var closed: [TrailEvidence.ClosedBatch] = []
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT \(trailColumns(of: "e")), p.hash AS previous
            FROM auditEvent e LEFT JOIN auditEvent p ON p.sequence = e.sequence - 1 WHERE e.action = $1 ORDER BY e.sequence
            """, binds: binds(AuditAction.batchClosed.rawValue)), logger: logger)
        for try await row in rows {
            let previous = try row.decode((Int64, String, String, String, String?, String, String?, String?, String?, String,
                                           String, String, String?).self).12
            closed.append(TrailEvidence.ClosedBatch(event: try trailEvent(row), previousHash: previous))
        }
        return closed
    }

    /// Rows without the events that made them, and events naming rows that do not exist; in the
    /// order rows were created (SQLite's rowid order), events' subjects by their first event.
    private static func inconsistencies(on connection: PostgresConnection, logger: Logger) async throws -> [TrailEvidence.Inconsistency] {
        let opened = AuditAction.batchOpened.rawValue
        let closed = AuditAction.batchClosed.rawValue
        let recordWritten = AuditAction.recordWritten.rawValue
        let checks: [(sql: String, binds: PostgresBindings, finding: @Sendable (String) -> TrailEvidence.Inconsistency)] = [
            ("""
             SELECT id FROM batch b WHERE NOT EXISTS (SELECT 1 FROM auditEvent e WHERE e.batch = b.id AND e.action = $1)
             ORDER BY openedAt COLLATE "C", id COLLATE "C"
             """, binds(opened), { .batchWithoutOpenedEvent(batch: $0) }),
            ("""
             SELECT id FROM batch b WHERE closedAt IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM auditEvent e WHERE e.batch = b.id AND e.action = $1)
             ORDER BY openedAt COLLATE "C", id COLLATE "C"
             """, binds(closed), { .closedBatchWithoutClosedEvent(batch: $0) }),
            ("""
             SELECT id FROM batch b WHERE closedAt IS NULL
               AND EXISTS (SELECT 1 FROM auditEvent e WHERE e.batch = b.id AND e.action = $1)
             ORDER BY openedAt COLLATE "C", id COLLATE "C"
             """, binds(closed), { .openBatchClosedByTrail(batch: $0) }),
            ("""
             SELECT id FROM document d WHERE NOT EXISTS (SELECT 1 FROM auditEvent e WHERE e.document = d.id) ORDER BY created
             """, PostgresBindings(), { .documentWithoutEvent(document: $0) }),
            ("""
             SELECT id FROM document d WHERE recordPath IS NOT NULL AND NOT EXISTS
               (SELECT 1 FROM auditEvent e WHERE e.document = d.id AND e.action = $1) ORDER BY created
             """, binds(recordWritten), { .recordWithoutWrittenEvent(document: $0) }),
            ("""
             SELECT sha256 FROM sourceFile s WHERE NOT EXISTS (SELECT 1 FROM auditEvent e WHERE e.file = s.sha256) ORDER BY created
             """, PostgresBindings(), { .sourceFileWithoutEvent(sha256: $0) }),
            ("""
             SELECT document FROM auditEvent e WHERE document IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM document d WHERE d.id = e.document) GROUP BY document ORDER BY min(sequence)
             """, PostgresBindings(), { .eventNamesUnknownDocument(document: $0) }),
            ("""
             SELECT batch FROM auditEvent e WHERE batch IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM batch b WHERE b.id = e.batch) GROUP BY batch ORDER BY min(sequence)
             """, PostgresBindings(), { .eventNamesUnknownBatch(batch: $0) }),
        ]
        var findings: [TrailEvidence.Inconsistency] = []
        for check in checks {
            for try await subject in try await connection.query(PostgresQuery(unsafeSQL: check.sql, binds: check.binds), logger: logger)
                .decode(String.self) {
                findings.append(check.finding(subject))
            }
        }
        return findings
    }

    /// The append-only triggers exist on the audit table, are enabled, and still call a function
    /// that raises.
    private static func appendOnlyGuards(on connection: PostgresConnection, logger: Logger) async throws -> [TrailEvidence.AppendOnlyGuard] {
        var present: [String: (definition: String, enabled: Bool, source: String)] = [:]
        let rows = try await connection.query("""
            SELECT t.tgname::text, pg_get_triggerdef(t.oid), t.tgenabled::text <> 'D', p.prosrc
            FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE t.tgrelid = to_regclass('auditevent') AND NOT t.tgisinternal
            """, logger: logger)
        for try await (name, definition, enabled, source) in rows.decode((String, String, Bool, String).self) {
            present[name] = (definition, enabled, source)
        }
        return appendOnlyTriggers.sorted { $0.key < $1.key }.map { name, clause in
            // PostgreSQL folds the unquoted names to lower case.
            guard let trigger = present[name.lowercased()] else { return .init(name: name, condition: .missing) }
            let compact = trigger.definition.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let raises = trigger.source.range(of: "RAISE EXCEPTION", options: .caseInsensitive) != nil
            return .init(name: name, condition: compact.contains(clause) && trigger.enabled && raises ? .inPlace : .altered)
        }
    }

    /// Bindings of the given strings, for `PostgresQuery(unsafeSQL:binds:)`.
    static func binds(_ values: String...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }
}
