import ArgumentParser
import Foundation
import ScanPipeline

/// `--workspace DIR` (default: `scanctl-workspace` in the current directory).
struct WorkspaceSelection: ParsableArguments {
    static let defaultFolder = "scanctl-workspace"

    @Option(help: ArgumentHelp("The workspace folder (default: ./\(WorkspaceSelection.defaultFolder)).", valueName: "dir"))
    var workspace: String?

    var url: URL {
        URL(fileURLWithPath: workspace ?? Self.defaultFolder,
            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// Opens (or, with `create`, creates) the workspace; a failure is reported and ends the command
    /// with exit code 2.
    func open(create: Bool = true) throws -> Workspace {
        do {
            return try Workspace(root: url, create: create, software: ScanCtlVersion.current)
        } catch {
            Terminal.error("\(error)")
            throw ExitStatus.unusable.code
        }
    }
}
