import Testing
@testable import ScanStorePostgres

@Suite struct PostgresStoreTests {
    @Test func opensAURL() throws {
        let store = try PostgresStore(url: "postgresql://postgres@127.0.0.1:1/none")
        store.shutdown()
    }
}
