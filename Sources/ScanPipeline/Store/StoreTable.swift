package import Foundation

/// One table of a workspace's store as plain values, for moving a workspace from one backend to
/// another (`scanctl workspace migrate`): the rows are copied as they are, audit events with
/// their hashes, so the chain is the same chain after the move.
package struct StoreTable: Sendable, Equatable {
    package var name: String
    package var columns: [String]

    package init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// A column's value as both backends store it.
package enum StoreValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A store that can hand out its tables, in an order in which each table's references come
/// before it, a chunk of rows at a time (a large workspace does not fit in memory at once).
package protocol StoreExport: Sendable {
    func exportedTables() async throws -> [StoreTable]
    /// Rows `offset ..< offset + limit` of `table` in a stable order.
    func rows(of table: StoreTable, offset: Int, limit: Int) async throws -> [[StoreValue]]
    func rowCount(of table: StoreTable) async throws -> Int
}

/// A store that takes tables into an empty workspace, as they are.
package protocol StoreImport: Sendable {
    /// Whether the store holds no batch and no audit event (a migration goes only into an empty one).
    func isEmpty() async throws -> Bool
    /// Inserts rows of `table`, in one transaction per call.
    func insert(_ rows: [[StoreValue]], into table: StoreTable) async throws
    /// After the last table: what the backend derives from the copied rows (the audit head, sequences).
    func finishImport() async throws
    func rowCount(of table: StoreTable) async throws -> Int
}
