import Foundation
import PostgresNIO
import ScanPipeline
@testable import ScanStorePostgres
import TestSupport
import Testing

/// Work on a connection the server closes: PostgresNIO answers nobody for a statement written to a
/// closing connection, so ``PostgresStore/untilClosed(_:location:logger:_:)`` gives such work up.
@Suite(.enabled(if: PostgresTestServer.isAvailable, "needs the PostgreSQL test server (scripts/test.sh starts one; SCANCTL_TEST_POSTGRES)"),
       .timeLimit(.minutes(2)))
struct PostgresClosedConnectionTests {
    @Test func workThatNeverComesBackIsGivenUpWhenItsConnectionCloses() async throws {
        let (store, database) = try await Self.openStore()
        defer { Self.remove(store, database) }
        let started = ContinuousClock.now
        let thrown = await #expect(throws: ScanPipelineError.self) {
            try await store.connection { connection in
                try await PostgresStore.untilClosed(connection, location: store.location, logger: store.logger) { connection in
                    // Cut this connection's backend, then wait as a lost answer does: for ever.
                    try await connection.run("SELECT 1", logger: store.logger)
                    _ = try PostgresTestServer.terminateBackends(database: PostgresTestServer.databaseName(of: database))
                    await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
                    return 1
                }
            }
        }
        let error = try #require(thrown)
        #expect(error.code == .storage)
        #expect(error.reason.contains("closed while a statement was under way"), "\(error)")
        #expect(ContinuousClock.now - started < .seconds(20))
        // The pool goes on with a new connection.
        let answer = try await store.read { connection in
            try await PostgresStore.single(Int.self, on: connection, logger: store.logger, "SELECT 42")
        }
        #expect(answer == 42)
    }

    @Test func workOnAnOpenConnectionReturnsItsValueAndItsError() async throws {
        let (store, database) = try await Self.openStore()
        defer { Self.remove(store, database) }
        let value = try await store.read { connection in
            try await PostgresStore.single(Int.self, on: connection, logger: store.logger, "SELECT 7")
        }
        #expect(value == 7)
        await #expect(throws: PSQLError.self) {
            try await store.connection { connection in
                try await PostgresStore.untilClosed(connection, location: store.location, logger: store.logger) { connection in
                    try await connection.run("SELECT no_such_column FROM auditHead", logger: store.logger)
                }
            }
        }
    }

    /// A store on a database of its own.
    static func openStore() async throws -> (PostgresStore, String) {
        let database = try PostgresTestServer.freshDatabase()
        let store = try PostgresStore(url: database)
        try await store.waitUntilReady()
        return (store, database)
    }

    static func remove(_ store: PostgresStore, _ database: String) {
        store.shutdown()
        PostgresTestServer.dropDatabase(database)
    }
}
