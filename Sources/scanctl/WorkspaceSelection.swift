import ArgumentParser
import Foundation
import Logging
import ScanPipeline
import ScanStorePostgres

/// `--workspace DIR` (default: `scanctl-workspace` in the current directory), or a shared
/// workspace: `--database postgresql://… --store DIR` (also `$SCANCTL_DATABASE`, `$SCANCTL_STORE`),
/// the database holding state and audit trail for every host, the folder (a shared mount) the files.
struct WorkspaceSelection: ParsableArguments {
    static let defaultFolder = "scanctl-workspace"

    @Option(help: ArgumentHelp("The workspace folder (default: ./\(WorkspaceSelection.defaultFolder)).", valueName: "dir"))
    var workspace: String?

    @Option(help: ArgumentHelp("A shared workspace's PostgreSQL database, postgresql://user@host:port/db (default: $SCANCTL_DATABASE; "
                               + "the password from the URL or $PGPASSWORD); needs --store.", valueName: "url"))
    var database: String?

    @Option(help: ArgumentHelp("A shared workspace's file store: records, quarantine, ingested files; a folder every host mounts "
                               + "(default: $SCANCTL_STORE).", valueName: "dir"), completion: .directory)
    var store: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }
    var databaseURL: String? { database ?? environment["SCANCTL_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } }
    var storeFolder: String? { store ?? environment["SCANCTL_STORE"].flatMap { $0.isEmpty ? nil : $0 } }

    var url: URL {
        URL(fileURLWithPath: storeFolder ?? workspace ?? Self.defaultFolder,
            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// Opens the workspace (or, with `create`, creates it): throws the library's error, for
    /// commands that report it their own way.
    func openWorkspace(create: Bool = true, scratch: String? = nil) throws -> Workspace {
        guard let databaseURL else {
            if storeFolder != nil, database == nil, store != nil {
                throw ScanPipelineError(.workspace, "--store names a shared workspace's files; name its database with --database postgresql://…")
            }
            if scratch != nil { throw ScanPipelineError(.workspace, "--scratch is for a shared workspace (--database, --store)") }
            return try Workspace(root: url, create: create, software: ScanCtlVersion.current)
        }
        guard storeFolder != nil else {
            throw ScanPipelineError(.workspace, "a shared workspace needs --store DIR for its files (records, quarantine, ingested files)")
        }
        if workspace != nil {
            throw ScanPipelineError(.workspace, "--workspace names an SQLite workspace; a shared one is --database with --store")
        }
        if !create && !FileManager.default.fileExists(atPath: url.path) {
            throw ScanPipelineError(.workspace, path: url.path, "the shared workspace's file store is not there (is it mounted?)")
        }
        do {
            return try SharedWorkspace.open(database: databaseURL, files: url,
                                            scratch: scratch.map { URL(fileURLWithPath: $0) }, software: ScanCtlVersion.current,
                                            logger: .scanctl("scanctl.postgres"))
        } catch let error as ScanPipelineError {
            throw error
        } catch {
            throw ScanPipelineError(.workspace, "\(error)")
        }
    }

    /// Opens (or, with `create`, creates) the workspace; a failure is reported and ends the command
    /// with exit code 2.
    func open(create: Bool = true) throws -> Workspace {
        do {
            return try openWorkspace(create: create)
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.unusable.code
        }
    }
}
