import Foundation
import ScanPipeline
import PostgresNIO
package import Logging

/// The shared store: a workspace's state and audit trail in a PostgreSQL database, for several
/// hosts at once. Every SQL statement for PostgreSQL lives in this target.
package final class PostgresStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    package init(url: String, logger: Logger = Logger(label: "scanctl.postgres")) throws {
        let location = try PostgresLocation(url: url)
        let client = PostgresClient(configuration: try location.clientConfiguration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        running = Task { await client.run() }
    }

    package func shutdown() { running.cancel() }
}
