import Foundation
package import PostgresNIO
import ScanPipeline

/// Work on a connection that the server closes halfway.
///
/// PostgresNIO (1.33, and its main branch: the fix, vapor/postgres-nio#487, was reverted in #501)
/// writes a statement to its channel without a promise for the write: a statement written once
/// the channel is closed is failed by nobody, and whoever waits for its result waits for ever. A
/// worker whose connections `pg_terminate_backend` or a server restart cut would hang with its
/// document's lease held (its heartbeat, on another connection, renewing it). So the work on a
/// connection ends, at the latest, a moment after the connection closes: the statements the
/// connection knew of are failed when it closes; one it never saw is given up on.
extension PostgresStore {
    /// How often the work under way is looked at, and how long after its connection closed a
    /// statement may still come back before it is given up on.
    static let closedConnectionPoll: Duration = .milliseconds(500)
    static let closedConnectionGrace: Duration = .seconds(2)

    /// All work under way on connections, of every store in the process, looked at by one task.
    static let watch = ConnectionWatch()

    /// Runs `body` on `connection` in its own task, which the caller's cancellation does not
    /// reach (a COMMIT cancelled halfway would leave the connection idle in its transaction, its
    /// row locks held; task-local values, the fence among them, are inherited). Returns its
    /// result, or throws `storage` once `connection` has closed and `body` has not come back
    /// within ``closedConnectionGrace``.
    static func untilClosed<T: Sendable>(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger,
                                         _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let outcome = FirstOutcome<Result<T, any Error>>()
        let entry = watch.add(connection) {
            guard outcome.settle(.failure(ScanPipelineError(
                .storage, path: location.redacted,
                "the connection to the shared database closed while a statement was under way"))) else { return }
            logger.warning("a statement on connection \(connection.id) did not come back after the connection closed; given up on")
        }
        defer { watch.remove(entry) }
        Task {
            do { outcome.settle(.success(try await body(connection))) } catch { outcome.settle(.failure(error)) }
        }
        return try await outcome.value.get()
    }
}

/// The work under way on connections: each entry gives up its work once its connection has been
/// closed for ``PostgresStore/closedConnectionGrace``. One task looks every
/// ``PostgresStore/closedConnectionPoll`` (rather than a callback on each connection's close
/// future, which would pile up on a connection that lives for days, or a task per statement).
final class ConnectionWatch: @unchecked Sendable {
    private struct Entry {
        let connection: PostgresConnection
        let giveUp: @Sendable () -> Void
        var closedSince: ContinuousClock.Instant?
    }

    private let lock = NSLock()
    private var entries: [UInt64: Entry] = [:]
    private var next: UInt64 = 0
    private var looking: Task<Void, Never>?

    /// Watches `connection` until ``remove(_:)``; `giveUp` runs once it has been closed too long.
    func add(_ connection: PostgresConnection, giveUp: @escaping @Sendable () -> Void) -> UInt64 {
        lock.withLock {
            next += 1
            entries[next] = Entry(connection: connection, giveUp: giveUp)
            if looking == nil { looking = Task { [weak self] in await self?.look() } }
            return next
        }
    }

    func remove(_ id: UInt64) {
        lock.withLock { _ = entries.removeValue(forKey: id) }
    }

    private func look() async {
        while true {
            try? await Task.sleep(for: PostgresStore.closedConnectionPoll)
            let now = ContinuousClock.now
            let due = lock.withLock { () -> [@Sendable () -> Void] in
                var due: [@Sendable () -> Void] = []
                for (id, var entry) in entries where entry.connection.isClosed {
                    let since = entry.closedSince ?? now
                    if now - since >= PostgresStore.closedConnectionGrace {
                        due.append(entry.giveUp)
                        entries.removeValue(forKey: id)
                    } else if entry.closedSince == nil {
                        entry.closedSince = now
                        entries[id] = entry
                    }
                }
                return due
            }
            for giveUp in due { giveUp() }
        }
    }
}
