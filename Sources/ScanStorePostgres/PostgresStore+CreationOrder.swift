/// SQLite's `rowid` follows insertion: the Transfervermerk lists documents, pages and source files
/// in the order they were created, and the models read the newest documents first by it.
/// PostgreSQL has no such order of its own; these name the columns that keep it (an identity
/// column per table, see ``PostgresSchema``).
extension PostgresStore {
    /// `document`'s creation order.
    static let documentCreated = "created"
    /// `sourceFile`'s creation order.
    static let sourceFileCreated = "created"
}
