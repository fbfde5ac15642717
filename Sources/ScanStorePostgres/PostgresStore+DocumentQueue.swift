import Foundation
package import ScanPipeline
import PostgresNIO

/// The queue behind `scanctl worker` (``DocumentQueue``) in the `document` table's queue columns:
/// a claim takes ready family roots with `FOR UPDATE SKIP LOCKED` (two hosts never wait for or
/// take the same row) and commits at once; every lease has its fencing token (`leaseToken`, one
/// more per claim), and leases are timed by the database's clock (`now()`), never a host's.
extension PostgresStore: DocumentQueue {
    /// A root is unsettled while a document of its family (itself, or one split from it) is.
    private static var unsettledFamily: String {
        "EXISTS (SELECT 1 FROM document f WHERE (f.id = r.id OR f.parent = r.id) AND f.state NOT IN (\(settledList)))"
    }

    package func claimDocuments(worker: String, limit: Int, lease: Duration, batch: String?) async throws -> [DocumentLease] {
        guard limit > 0 else { return [] }
        let seconds = Self.seconds(lease)
        return try await write { [logger] connection in
            var binds = PostgresBindings()
            binds.append(worker)
            binds.append(seconds)
            binds.append(limit)
            var batchCondition = ""
            if let batch {
                binds.append(batch)
                batchCondition = "AND r.batch = $4"
            }
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                WITH ready AS (
                    SELECT r.id FROM document r
                    WHERE r.parent IS NULL AND r.availableAt <= now() AND r.leaseExpiresAt IS NULL
                      AND \(Self.unsettledFamily) \(batchCondition)
                    ORDER BY r.availableAt, r.id COLLATE "C"
                    FOR UPDATE SKIP LOCKED
                    LIMIT $3)
                UPDATE document d SET leaseOwner = $1, leaseToken = d.leaseToken + 1,
                    leaseExpiresAt = now() + make_interval(secs => $2), attempts = d.attempts + 1
                FROM ready WHERE d.id = ready.id
                RETURNING d.id, d.leaseToken, d.attempts
                """, binds: binds), logger: logger)
            var leases: [DocumentLease] = []
            for try await (id, token, attempts) in rows.decode((String, Int64, Int).self) {
                leases.append(DocumentLease(document: id, worker: worker, token: token, attempt: attempts))
            }
            return leases.sorted { $0.document < $1.document }
        }
    }

    package func renew(_ leases: [DocumentLease], lease: Duration) async throws -> [DocumentLease] {
        guard !leases.isEmpty else { return [] }
        let seconds = Self.seconds(lease)
        return try await write { [logger] connection in
            var lost: [DocumentLease] = []
            for held in leases {
                let renewed = try await connection.count("""
                    UPDATE document SET leaseExpiresAt = now() + make_interval(secs => \(seconds))
                    WHERE id = \(held.document) AND leaseToken = \(held.token) AND leaseOwner = \(held.worker)
                      AND leaseExpiresAt > now() RETURNING 1
                    """, logger: logger)
                if renewed == 0 { lost.append(held) }
            }
            return lost
        }
    }

    package func release(_ lease: DocumentLease) async throws {
        try await write { [logger] connection in
            // Only while it is still this lease; the attempt it counted is given back.
            try await connection.run("""
                UPDATE document SET leaseOwner = NULL, leaseExpiresAt = NULL, attempts = GREATEST(attempts - 1, 0),
                    availableAt = now()
                WHERE id = \(lease.document) AND leaseToken = \(lease.token) AND leaseOwner = \(lease.worker)
                """, logger: logger)
        }
    }

    package func finish(_ lease: DocumentLease, error: String?, retryAfter: Duration) async throws {
        let seconds = Self.seconds(retryAfter)
        try await write { [logger] connection in
            if let error {
                try await connection.run("""
                    UPDATE document SET leaseOwner = NULL, leaseExpiresAt = NULL, lastError = \(error),
                        availableAt = now() + make_interval(secs => \(seconds))
                    WHERE id = \(lease.document) AND leaseToken = \(lease.token) AND leaseOwner = \(lease.worker)
                    """, logger: logger)
            } else {
                try await connection.run("""
                    UPDATE document SET leaseOwner = NULL, leaseExpiresAt = NULL
                    WHERE id = \(lease.document) AND leaseToken = \(lease.token) AND leaseOwner = \(lease.worker)
                    """, logger: logger)
            }
        }
    }

    package func sweepExpiredLeases(actor: AuditActor, backoff: @escaping @Sendable (Int) -> Duration) async throws -> Int {
        try await write { [logger] connection in
            // Rows a worker's commit holds (its fence check locks the root) are skipped: that
            // commit checked a lease still held; the next sweep looks again.
            let rows = try await connection.query("""
                SELECT id, leaseOwner, leaseToken, attempts, batch, sourceFile FROM document
                WHERE leaseExpiresAt IS NOT NULL AND leaseExpiresAt <= now()
                ORDER BY id COLLATE "C" FOR UPDATE SKIP LOCKED
                """, logger: logger).collect()
            var entries: [AuditEntry] = []
            for row in rows {
                let (id, owner, token, attempts, batch, sourceFile) = try row.decode((String, String?, Int64, Int, String, String).self)
                try await connection.run("""
                    UPDATE document SET leaseOwner = NULL, leaseExpiresAt = NULL,
                        availableAt = now() + make_interval(secs => \(Self.seconds(backoff(attempts))))
                    WHERE id = \(id)
                    """, logger: logger)
                entries.append(AuditEntry(
                    actor: actor, action: .documentLeaseExpired, subjects: AuditSubjects(batch: batch, file: sourceFile, document: id),
                    payload: RunAuditPayload.DocumentLeaseExpired(worker: owner ?? "", token: token, attempt: attempts)))
            }
            try await Self.append(entries, on: connection, logger: logger)
            return entries.count
        }
    }

    package func queueStatus() async throws -> DocumentQueueStatus {
        try await read { [logger] connection in
            let row = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT
                  COUNT(*) FILTER (WHERE r.leaseExpiresAt IS NULL AND r.availableAt <= now() AND \(Self.unsettledFamily))::int,
                  COUNT(*) FILTER (WHERE r.leaseExpiresAt > now())::int,
                  COUNT(*) FILTER (WHERE r.leaseExpiresAt <= now())::int,
                  COUNT(*) FILTER (WHERE r.leaseExpiresAt IS NULL AND r.availableAt > now() AND \(Self.unsettledFamily))::int
                FROM document r WHERE r.parent IS NULL
                """), logger: logger).collect().first
            guard let row else { return DocumentQueueStatus() }
            let (ready, leased, expired, backingOff) = try row.decode((Int, Int, Int, Int).self)
            return DocumentQueueStatus(ready: ready, leased: leased, expired: expired, backingOff: backingOff)
        }
    }

    package func unsettledDocuments(inFamilyOf root: String) async throws -> [UnsettledDocument] {
        try await read { [logger] connection in
            var documents: [UnsettledDocument] = []
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT d.id, d.sourceFile, d.pageCount, d.state, d.batch, d.parent, s.path FROM document d
                JOIN sourceFile s ON s.sha256 = d.sourceFile
                WHERE (d.id = $1 OR d.parent = $1) AND d.state NOT IN (\(Self.settledList)) ORDER BY d.created
                """, binds: Self.binds(root)), logger: logger)
            for try await (id, sourceFile, pageCount, state, batch, parent, path)
                in rows.decode((String, String, Int, String, String, String?, String).self) {
                documents.append(UnsettledDocument(id: id, sourceFile: sourceFile, path: path, pageCount: pageCount,
                                                   state: DocumentState(rawValue: state), batch: batch, parent: parent))
            }
            return documents
        }
    }

    package func lastError(of document: String) async throws -> String? {
        try await read { [logger] connection in
            try await connection.query("SELECT lastError FROM document WHERE id = \(document)", logger: logger)
                .collect().first.flatMap { try $0.decode(String?.self) }
        }
    }

    package func holdIngest(batch: String, lease: Duration?) async throws {
        let seconds = lease.map(Self.seconds)
        try await write { [logger] connection in
            let changed = try await connection.count("""
                UPDATE batch SET ingestLeaseUntil = CASE WHEN \(seconds)::float8 IS NULL THEN NULL
                                                         ELSE now() + make_interval(secs => \(seconds)) END
                WHERE id = \(batch) RETURNING 1
                """, logger: logger)
            guard changed == 1 else { throw ScanPipelineError(.unknownID, "batch \(batch) is not in the workspace") }
        }
    }
}
