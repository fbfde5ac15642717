import Foundation
package import ScanPipeline
import PostgresNIO

/// `scanctl workspace migrate` into the shared store: SQLite's tables taken as they are, the audit
/// events with their hashes (inserting is all the append-only triggers allow, and all a move
/// needs). SQLite's names that PostgreSQL reserves are mapped (`user` → `account`, also as
/// `savedView`'s column); each value is cast to its column's type in SQL, so SQLite's 0/1
/// booleans and its untyped NULLs arrive as PostgreSQL's.
extension PostgresStore: StoreImport {
    package func isEmpty() async throws -> Bool {
        try await read { [logger] connection in
            try await Self.single(Bool.self, on: connection, logger: logger,
                                  "SELECT NOT EXISTS (SELECT 1 FROM batch) AND NOT EXISTS (SELECT 1 FROM auditEvent)") ?? false
        }
    }

    package func insert(_ rows: [[StoreValue]], into table: StoreTable) async throws {
        guard !rows.isEmpty else { return }
        let name = Self.importedName(table.name)
        let columns = table.columns.map(Self.importedColumn)
        try await write { [logger] connection in
            var types: [String: String] = [:]
            for try await (column, type) in try await connection.query("""
                SELECT column_name::text, udt_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(name.lowercased())
                """, logger: logger).decode((String, String).self) {
                types[column] = type
            }
            let casts = try columns.map { column -> String in
                guard let type = types[column.lowercased()] else {
                    throw ScanPipelineError(.workspace, "the shared store has no column \(name).\(column) to take the workspace's")
                }
                return type
            }
            var bindings = PostgresBindings()
            var tuples: [String] = []
            for row in rows {
                var placeholders: [String] = []
                for (value, type) in zip(row, casts) {
                    switch value {
                    case .null: bindings.appendNull()
                    case .integer(let integer): bindings.append(String(integer))
                    case .real(let real): bindings.append("\(real)")
                    case .text(let text): bindings.append(text)
                    case .blob:
                        throw ScanPipelineError(.workspace, "table \(name) holds binary data, which the shared store does not take")
                    }
                    placeholders.append("$\(bindings.count)::text::\(type)")
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            // The names come from the schemas themselves, never from input.
            try await connection.run(PostgresQuery(unsafeSQL: """
                INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))
                """, binds: bindings), logger: logger)
        }
    }

    package func finishImport() async throws {
        try await write { [logger] connection in
            // The head row follows the copied trail, so the next append chains on to its last event.
            let head = try await Self.lastEvent(on: connection, logger: logger)
            try await connection.run("UPDATE auditHead SET sequence = \(head.sequence), hash = \(head.hash) WHERE id = 1", logger: logger)
            try await connection.run("""
                SELECT setval(pg_get_serial_sequence('qacheck', 'sequence'), COALESCE(MAX(sequence), 0) + 1, false) FROM qaCheck
                """, logger: logger)
        }
        if let headFile { await writeHead(to: headFile) }
    }

    package func rowCount(of table: StoreTable) async throws -> Int {
        let name = Self.importedName(table.name)
        return try await read { [logger] connection in
            try await Self.single(Int.self, on: connection, logger: logger,
                                  PostgresQuery(unsafeSQL: "SELECT COUNT(*)::int FROM \(name)")) ?? 0
        }
    }

    /// SQLite's table names as this schema has them.
    static func importedName(_ table: String) -> String { table == "user" ? "account" : table }

    /// SQLite's column names as this schema has them.
    static func importedColumn(_ column: String) -> String { column == "user" ? "account" : column }
}
