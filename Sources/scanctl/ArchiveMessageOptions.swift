import ArgumentParser
import Foundation
import ScanPipeline

/// The archive's message and who records it, for `retention evaluation` and `retention receipt`.
struct ArchiveMessageOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The archive's message (its ZIP or XML).", valueName: "file"), completion: .file())
    var file: String

    @OptionGroup var schemas: XdomeaSchemaOption
    @OptionGroup var identity: IdentityOption
    @OptionGroup var workspace: WorkspaceSelection
    @OptionGroup var output: JSONFlag

    /// Reads the message (one of `types`), records it and prints what it recorded.
    func read(expecting types: Set<String>) async throws {
        let json = output.json
        let workspace = try self.workspace.open(create: false)
        let user = try await identity.user(in: workspace)
        let summary: AussonderungSummary
        do {
            summary = try await workspace.readArchiveMessage(URL(fileURLWithPath: file), expecting: types, by: user,
                                                             validator: schemas.validator)
        } catch let error as ScanPipelineError {
            throw error.reported()
        }
        if json {
            PlanJSON.print(summary)
            return
        }
        var lines = ["\(summary.messageType) of Aussonderung \(summary.process) read from \(file)"]
        if summary.messageType == "0502" {
            lines.append("\(summary.archivwuerdig.count) record(s) archivwürdig, \(summary.kassabel.count) kassabel")
        } else if summary.messageType == "0506" {
            lines.append("\(summary.records.count) record(s) archived (local files removed by the deletion protocol), "
                         + "\(summary.failed.count) not imported")
            for (record, error) in summary.failed.sorted(by: { $0.key < $1.key }) { lines.append("  not imported: \(record.prefix(8)): \(error)") }
        } else {
            lines.append("receipt recorded")
        }
        StandardOutput.write(lines.joined(separator: "\n") + "\n")
    }
}
