internal import GRDB

extension Workspace {
    /// The SQLite database, for the store's implementation and for tests that tamper with it.
    var database: DatabasePool { store.database }
}
