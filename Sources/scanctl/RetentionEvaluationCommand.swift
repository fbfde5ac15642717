import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Retention {
    struct Evaluation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the archive's Bewertungsverzeichnis (xdomea 0502): archivwürdig or kassabel per record.",
            discussion: """
                FILE is the archive's Aussonderung.Bewertungsverzeichnis.0502 (its ZIP or XML). It must \
                validate, name an Aussonderung this workspace offered (its ProzessID) and judge only \
                Schriftgutobjekte that Anbieteverzeichnis listed (an Akte's Bewertung applies to every \
                record in it; a record's own wins): an unknown id is refused, naming it, and nothing is \
                recorded. Each judged record gets aussonderung.evaluated (A archivwürdig, V kassabel). \
                Then: export --target xdomea-aussonderung --stage aussondern hands over the archivwürdig \
                ones, retention dispose destroys the kassabel ones. Exit codes: 0 recorded; 1 refused \
                (not a 0502, invalid, unknown process or record, not a records manager); 2 the workspace \
                cannot be used; 64 invalid arguments.
                """)

        @Argument(help: ArgumentHelp("The archive's 0502 message (ZIP or XML).", valueName: "file"), completion: .file())
        var file: String

        @OptionGroup var schemas: XdomeaSchemaOption
        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await ArchiveMessageReading.read(file, expecting: ["0502"], schemas: schemas, identity: identity, workspace: workspace,
                                                 json: output.json)
        }
    }
}

/// Reading an archive's message and printing what it recorded, for `retention evaluation` and `retention receipt`.
enum ArchiveMessageReading {
    static func read(_ file: String, expecting types: Set<String>, schemas: XdomeaSchemaOption, identity: IdentityOption,
                     workspace selection: WorkspaceSelection, json: Bool) async throws {
        let workspace = try selection.open(create: false)
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
