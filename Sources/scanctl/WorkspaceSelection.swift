import ArgumentParser
import Foundation

/// `--workspace DIR` (default: `scanctl-workspace` in the current directory).
struct WorkspaceSelection: ParsableArguments {
    static let defaultFolder = "scanctl-workspace"

    @Option(help: ArgumentHelp("The workspace folder (default: ./\(WorkspaceSelection.defaultFolder)).", valueName: "dir"))
    var workspace: String?

    var url: URL {
        URL(fileURLWithPath: workspace ?? Self.defaultFolder,
            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}
