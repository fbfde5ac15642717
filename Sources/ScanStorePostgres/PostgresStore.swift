package import Foundation
package import ScanPipeline
import PostgresNIO
package import Logging

/// The shared store: a workspace's state and audit trail in a PostgreSQL database, for several
/// hosts at once. Every SQL statement for PostgreSQL lives in this target; ScanPipeline sees it
/// only through its store protocols.
///
/// Opening is synchronous (as SQLite's is): the client runs in a task of its own, and ``ready``
/// brings the schema up to date; every ``write(_:)`` and ``read(_:)`` waits for it, so a database
/// that cannot be reached is reported by the first call that needs it.
package final class PostgresStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// The database, named without its password (messages, the audit trail).
    package let location: PostgresLocation
    /// `audit-head.json` in the shared file store; nil when the trail is anchored elsewhere.
    let headFile: URL?
    private let running: Task<Void, Never>
    /// The schema migrations; awaited before any statement.
    let ready: Task<Void, any Error>
    /// How long a statement waits for a connection before the database counts as unreachable (the
    /// client itself would keep trying to connect for ever).
    let connectionWait: Duration
    /// Time spent in transactions (waiting for a connection, statements, commits), for the
    /// benchmark's share of page time that goes to the database.
    let meter = DatabaseMeter()

    package init(url: String, headFile: URL? = nil, connectionWait: Duration = .seconds(15),
                 logger: Logger = Logger(label: "scanctl.postgres")) throws {
        let location = try PostgresLocation(url: url)
        let client = PostgresClient(configuration: try location.clientConfiguration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.location = location
        self.headFile = headFile
        self.connectionWait = connectionWait
        running = Task { await client.run() }
        // The head file starts with the schema: from then on a missing file is a finding. An empty
        // trail without a file gets one (as SQLite's store does), so there is something to check
        // against; part of getting ready, so that no command looks for it before it is there.
        ready = Task {
            do {
                try await Self.withConnection(client, waiting: connectionWait, location: location) { connection in
                    try await PostgresSchema.migrate(on: connection, logger: logger)
                }
            } catch {
                throw Self.mapped(error, location: location)
            }
            if let headFile, !FileManager.default.fileExists(atPath: headFile.path) {
                await Self.writeHead(client: client, to: headFile, logger: logger, onlyIfEmpty: true, waiting: connectionWait,
                                     location: location)
            }
        }
    }

    /// Waits for the schema; rethrows why it could not be brought up to date.
    package func waitUntilReady() async throws { try await ready.value }

    /// Ends the client's connections; the store cannot be used afterwards.
    package func shutdown() {
        ready.cancel()
        running.cancel()
    }
}
