import Foundation

/// Finds the file plan to use: `--plan`, else `$SCANCTL_PLAN`, else the shipped default plan
/// (`fileplans/lindenau-kgst.yaml`) in the current folder or above it, or next to the scanctl
/// checkout the binary was built in.
enum PlanLocator {
    static let defaultPlanFile = "fileplans/lindenau-kgst.yaml"

    static func resolve(_ explicit: String?) -> String {
        if let explicit { return explicit }
        if let fromEnvironment = ProcessInfo.processInfo.environment["SCANCTL_PLAN"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent(defaultPlanFile).path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return defaultPlanFile
    }
}
