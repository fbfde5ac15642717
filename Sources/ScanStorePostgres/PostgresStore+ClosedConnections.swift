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
    /// How often a connection with work under way is looked at, and how long after it closed a
    /// statement may still come back before it is given up on.
    static let closedConnectionPoll: Duration = .milliseconds(500)
    static let closedConnectionGrace: Duration = .seconds(2)

    /// Runs `body` on `connection` in its own task; returns its result, or throws `storage` once
    /// `connection` has closed and `body` has not come back within ``closedConnectionGrace``.
    /// Cancelling the caller cancels `body`. (Polled rather than a callback on the connection's
    /// close future: callbacks would pile up on a connection that lives for days.)
    static func untilClosed<T: Sendable>(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger,
                                         _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let work = Task { try await body(connection) }
        let outcome = FirstOutcome<Result<T, any Error>>()
        let watch = Task {
            while !connection.isClosed { try await Task.sleep(for: closedConnectionPoll) }
            try await Task.sleep(for: closedConnectionGrace)
            guard outcome.settle(.failure(ScanPipelineError(
                .storage, path: location.redacted,
                "the connection to the shared database closed while a statement was under way"))) else { return }
            logger.warning("a statement on connection \(connection.id) did not come back after the connection closed; given up on")
            work.cancel()
        }
        Task {
            let result = await work.result
            watch.cancel()
            outcome.settle(result)
        }
        return try await withTaskCancellationHandler {
            try await outcome.value.get()
        } onCancel: {
            work.cancel()
        }
    }
}
