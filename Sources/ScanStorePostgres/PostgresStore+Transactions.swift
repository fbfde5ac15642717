import Foundation
package import ScanPipeline
package import PostgresNIO
package import Logging

/// Transactions, audit appends and the document fence: what every protocol file builds on.
extension PostgresStore {
    /// Whether the transaction the current task runs appended audit events (so that the head
    /// file is written after its commit). Set by ``write(_:)``, marked by ``append(_:on:logger:)``.
    final class AppendMark: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var appended: Bool {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }

    @TaskLocal static var appendMark: AppendMark?

    /// Runs `body` in one transaction (BEGIN … COMMIT; ROLLBACK when it throws) on one connection,
    /// after the schema is ready, and writes the head file after a commit that appended events. A
    /// deadlock or serialisation failure (two hosts' transactions crossing) is retried a few times
    /// from the start: the body only speaks to the database, so running it again is safe.
    package func write<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await ready.value
        var attempt = 0
        while true {
            attempt += 1
            let mark = AppendMark()
            do {
                let started = ContinuousClock.now
                let value = try await Self.$appendMark.withValue(mark) { [logger] in
                    try await connection { connection in
                        try await Self.transaction(on: connection, begin: "BEGIN", logger: logger, body)
                    }
                }
                meter.add(ContinuousClock.now - started)
                let anchoring = ContinuousClock.now
                if mark.appended, let headFile { await writeHead(to: headFile) }
                meter.addHeadFile(ContinuousClock.now - anchoring)
                return value
            } catch {
                if attempt < 5, Self.isRetryable(error) {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 5...50) * attempt))
                    continue
                }
                throw Self.mapped(error, location: location)
            }
        }
    }

    /// Runs `body` in one read-only transaction that sees one snapshot (REPEATABLE READ), so that
    /// what it reads fits together while other hosts write.
    package func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await ready.value
        let started = ContinuousClock.now
        defer { meter.add(ContinuousClock.now - started) }
        do {
            return try await connection { [logger] connection in
                try await Self.transaction(on: connection, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger, body)
            }
        } catch {
            throw Self.mapped(error, location: location)
        }
    }

    /// BEGIN … COMMIT (ROLLBACK when `body` throws). Run through ``connection(_:)``, whose work
    /// cancellation does not reach: a COMMIT or ROLLBACK cancelled halfway would hand the
    /// connection back to the pool idle in its transaction, its row locks held, and every later
    /// write of those rows (the batch row an ingest hold renews, a document a heartbeat renews)
    /// would wait for ever.
    static func transaction<T: Sendable>(on connection: PostgresConnection, begin: PostgresQuery, logger: Logger,
                                         _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await connection.run(begin, logger: logger)
        do {
            let value = try await body(connection)
            try await connection.run("COMMIT", logger: logger)
            return value
        } catch {
            // A closed connection has nothing to roll back (the server did), and a statement
            // written to it might never come back.
            if !connection.isClosed { try? await connection.run("ROLLBACK", logger: logger) }
            throw error
        }
    }

    /// Appends `entries` after the trail's end: locks the head row (serialising appends of every
    /// host), chains each entry with ``AuditTrail/chained(_:after:)`` as SQLite does, inserts it
    /// and moves the head. Call inside ``write(_:)``.
    @discardableResult
    package static func append(_ entries: [AuditEntry], on connection: PostgresConnection, logger: Logger) async throws -> [AuditEvent] {
        guard !entries.isEmpty else { return [] }
        var head = AuditHead.empty
        for try await (sequence, hash) in try await connection.query(
            "SELECT sequence, hash FROM auditHead WHERE id = 1 FOR UPDATE", logger: logger).decode((Int64, String).self) {
            head = AuditHead(sequence: sequence, hash: hash)
        }
        var events: [AuditEvent] = []
        for entry in entries {
            let event = try AuditTrail.chained(entry, after: head)
            try await connection.run("""
                INSERT INTO auditEvent (sequence, time, actorKind, actorName, actorVersion, action, batch, file, document,
                                        payload, previousHash, hash)
                VALUES (\(event.sequence), \(event.time), \(event.actorKind.rawValue), \(event.actorName), \(event.actorVersion),
                        \(event.action), \(event.batch), \(event.file), \(event.document), \(event.payload),
                        \(event.previousHash), \(event.hash))
                """, logger: logger)
            head = AuditHead(sequence: event.sequence, hash: event.hash)
            events.append(event)
        }
        try await connection.run("UPDATE auditHead SET sequence = \(head.sequence), hash = \(head.hash) WHERE id = 1", logger: logger)
        appendMark?.appended = true
        return events
    }

    /// When the current task writes under a document lease (``DocumentFence/current``), checks in
    /// this transaction that the lease is still held: same worker, same fencing token, not expired
    /// by the database's clock; the root's row stays locked until commit, so a sweep or another
    /// claim cannot take it over in between. Throws `lease-lost` otherwise. Call first in every
    /// write that completes work on a document.
    package static func checkFence(on connection: PostgresConnection, logger: Logger) async throws {
        guard let fence = DocumentFence.current else { return }
        let rows = try await connection.query("""
            SELECT 1 FROM document WHERE id = \(fence.document) AND leaseToken = \(fence.token)
              AND leaseOwner = \(fence.worker) AND leaseExpiresAt > clock_timestamp() FOR UPDATE
            """, logger: logger)
        var held = false
        for try await _ in rows { held = true }
        guard held else {
            throw ScanPipelineError(.leaseLost, "the lease of \(fence.worker) on document \(fence.document) (token \(fence.token)) "
                                    + "is no longer held: another worker may have taken it over; nothing was written")
        }
    }

    /// A connection of the pool for `body`; `storage` when none comes within ``connectionWait``.
    func connection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await Self.withConnection(client, waiting: connectionWait, location: location, body)
    }

    /// Runs `body` on a connection of `client`, waiting at most `wait` for one: the pool keeps
    /// trying to connect for ever, so a database that is down would otherwise hang every command.
    /// The wait covers getting the connection only, never the work done on it.
    static func withConnection<T: Sendable>(_ client: PostgresClient, waiting wait: Duration, location: PostgresLocation,
                                            _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let acquired = AppendMark()
        return try await withThrowingTaskGroup(of: ConnectionWait<T>.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    acquired.appended = true
                    return .work(try await untilClosed(connection, location: location, logger: connection.logger, body))
                }
            }
            group.addTask {
                try await Task.sleep(for: wait)
                guard acquired.appended else {
                    throw ScanPipelineError(.storage, path: location.redacted,
                                            "the shared database cannot be reached: no connection within \(wait)")
                }
                return .waited
            }
            while let next = try await group.next() {
                if case .work(let value) = next {
                    group.cancelAll()
                    return value
                }
            }
            throw CancellationError()
        }
    }

    func writeHead(to file: URL) async {
        await Self.writeHead(client: client, to: file, logger: logger, onlyIfEmpty: false, waiting: connectionWait, location: location)
    }

    /// Writes the trail's committed end to the head file, best-effort: a failure leaves the file
    /// behind the trail, which verification accepts.
    static func writeHead(client: PostgresClient, to file: URL, logger: Logger, onlyIfEmpty: Bool, waiting: Duration,
                          location: PostgresLocation) async {
        do {
            let head = try await withConnection(client, waiting: waiting, location: location) { connection in
                var head = AuditHead.empty
                for try await (sequence, hash) in try await connection.query(
                    "SELECT sequence, hash FROM auditHead WHERE id = 1", logger: logger).decode((Int64, String).self) {
                    head = AuditHead(sequence: sequence, hash: hash)
                }
                return head
            }
            if onlyIfEmpty && head.sequence != 0 { return }
            try AuditHeadFile(sequence: head.sequence, hash: head.hash, time: AuditTrail.timestamp(Date())).write(to: file)
        } catch {
            logger.warning("cannot write the audit head file \(file.path): \(error)")
        }
    }
}

/// What finished first in ``PostgresStore/withConnection(_:waiting:location:_:)``: the work, with
/// its value (which may itself be nil), or the wait for a connection.
enum ConnectionWait<T: Sendable>: Sendable {
    case work(T)
    case waited
}

extension PostgresConnection {
    /// Runs a statement and reads its rows to the end, so that its errors surface here.
    package func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }

    /// Runs a statement and returns how many rows it returned.
    package func count(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        var count = 0
        for try await _ in try await self.query(query, logger: logger) { count += 1 }
        return count
    }
}
