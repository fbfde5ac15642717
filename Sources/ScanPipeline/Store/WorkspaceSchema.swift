import GRDB

/// The workspace database's schema, as migrations: applied in order, each once, never edited after
/// it has shipped (add a new one instead).
enum WorkspaceSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: audit trail") { db in
            try db.create(table: "auditEvent") { table in
                table.primaryKey("sequence", .integer)
                table.column("time", .text).notNull()
                table.column("actorKind", .text).notNull()
                table.column("actorName", .text).notNull()
                table.column("actorVersion", .text)
                table.column("action", .text).notNull()
                table.column("batch", .text).indexed()
                table.column("file", .text)
                table.column("document", .text).indexed()
                table.column("payload", .text).notNull()
                table.column("previousHash", .text).notNull()
                table.column("hash", .text).notNull().unique()
            }
            // Append-only: the database itself refuses to change or remove an event.
            try db.execute(sql: """
                CREATE TRIGGER auditEvent_no_update BEFORE UPDATE ON auditEvent
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be changed'); END;
                CREATE TRIGGER auditEvent_no_delete BEFORE DELETE ON auditEvent
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be deleted'); END;
                """)
        }
        return migrator
    }
}
