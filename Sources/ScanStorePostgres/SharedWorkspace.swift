package import Foundation
package import Logging
package import ScanPipeline

/// A workspace on the PostgreSQL store: what `--database postgresql://… --store DIR` opens.
package enum SharedWorkspace {
    /// Connects to the database (its schema is brought up to date on first use) with the file
    /// store in `files` and this host's page files in `scratch` (default: `files/work`).
    package static func open(database url: String, files: URL, scratch: URL?, software: String, logger: Logger) throws -> Workspace {
        let location = try PostgresLocation(url: url)
        let store = try PostgresStore(url: url, headFile: files.appendingPathComponent(AuditHeadFile.fileName), logger: logger)
        return try Workspace(store: store, files: files, scratch: scratch, describedAs: location.redacted, software: software)
    }
}
