import Foundation
internal import GRDB

/// The SQLite store's tables for `scanctl workspace migrate`: every table of the schema but
/// GRDB's own bookkeeping, ordered so that a table comes after the tables it references.
extension SQLiteStore: StoreExport {
    func exportedTables() async throws -> [StoreTable] {
        try await database.read { db in
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table'
                  AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY rowid
                """)
            var references: [String: Set<String>] = [:]
            var columns: [String: [String]] = [:]
            for name in names {
                references[name] = Set(try db.foreignKeys(on: name).map(\.destinationTable)).subtracting([name])
                columns[name] = try db.columns(in: name).map(\.name)
            }
            // Referenced tables first (a topological order); ties keep the schema's order.
            var ordered: [String] = []
            var pending = names
            while !pending.isEmpty {
                guard let next = pending.first(where: { references[$0, default: []].isSubset(of: Set(ordered)) }) else {
                    ordered += pending
                    break
                }
                ordered.append(next)
                pending.removeAll { $0 == next }
            }
            return ordered.map { StoreTable(name: $0, columns: columns[$0] ?? []) }
        }
    }

    func rows(of table: StoreTable, offset: Int, limit: Int) async throws -> [[StoreValue]] {
        // The names come from the schema itself, never from input.
        let list = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        return try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(table.name)\" ORDER BY rowid LIMIT ? OFFSET ?",
                             arguments: [limit, offset]).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: .null
                    case .int64(let integer): .integer(integer)
                    case .double(let real): .real(real)
                    case .string(let text): .text(text)
                    case .blob(let data): .blob(data)
                    }
                }
            }
        }
    }

    func rowCount(of table: StoreTable) async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table.name)\"") ?? 0 }
    }
}
