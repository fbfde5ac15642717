import Foundation
internal import GRDB

/// The embedded store: `scanctl.sqlite` in the workspace folder, through GRDB, in WAL mode with one
/// `DatabasePool` (one writer, concurrent readers). Every SQL statement of scanctl lives in this
/// folder; the rest of the library sees the store through its protocols (``DocumentStore``,
/// ``AuditLog``, ``ReviewStore``, …).
final class SQLiteStore: Sendable {
    let database: DatabasePool
    let path: String

    /// Opens (or creates) the database at `path`, brings its schema up to date and anchors the
    /// audit trail's head in `headFile`.
    init(path: String, headFile: URL) throws {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            database = try DatabasePool(path: path, configuration: configuration)
            let migrator = WorkspaceSchema.migrator
            let anchored = try database.read { db in try migrator.appliedIdentifiers(db) }.contains(WorkspaceSchema.headFileMigration)
            try migrator.migrate(database)
            // The head file starts with the migration that introduces it: from then on a missing
            // file is a finding, not an old workspace. A kill between the migration and the first
            // write of the file leaves a trail without events and no file: nothing to check against,
            // so the file is written then too.
            let unanchoredEmptyTrail = try database.read { db in
                try !FileManager.default.fileExists(atPath: headFile.path)
                    && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent") == 0
            }
            if !anchored || unanchoredEmptyTrail {
                try database.write { db in try AuditHeadObserver.writeHead(db, to: headFile) }
            }
            database.add(transactionObserver: AuditHeadObserver(file: headFile), extent: .databaseLifetime)
        } catch let error as ScanPipelineError {
            throw error
        } catch {
            throw ScanPipelineError(.workspace, path: path, "cannot open the workspace database: \(error)")
        }
    }
}
