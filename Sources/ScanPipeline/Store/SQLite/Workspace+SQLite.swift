internal import GRDB

extension Workspace {
    /// The SQLite database, for the store's implementation and for tests that tamper with it.
    /// Only an SQLite workspace has one; a shared workspace's tests go through its own store.
    var database: DatabasePool {
        guard let sqlite = store as? SQLiteStore else { preconditionFailure("the workspace's store is not SQLite") }
        return sqlite.database
    }
}
