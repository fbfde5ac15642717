import ArgumentParser
import ScanPipeline

extension ScanCtl.Retention {
    struct Receipt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an archive's receipt of an Aussonderung (xdomea 0504, 0505, 0506, 0507).",
            discussion: """
                0504 (AnbietungEmpfangBestaetigen), 0505 (BewertungEmpfangBestaetigen) and 0507 \
                (AussonderungEmpfangBestaetigen) say the archive received a message: recorded as \
                aussonderung.confirmed. 0506 (AussonderungImportBestaetigen) says per Schriftgutobjekt \
                whether the archive imported it: each imported record handed over is archived, its local \
                files are removed by the deletion protocol (record.disposed, \
                WORKSPACE/loeschprotokolle/<record>.json) and its audit trail kept; one not imported \
                stays handed over, with the archive's error recorded. Exit codes as retention evaluation.
                """)

        @Argument(help: ArgumentHelp("The archive's receipt (ZIP or XML).", valueName: "file"), completion: .file())
        var file: String

        @OptionGroup var schemas: XdomeaSchemaOption
        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            try await ArchiveMessageReading.read(file, expecting: ["0504", "0505", "0506", "0507"], schemas: schemas, identity: identity,
                                                 workspace: workspace, json: output.json)
        }
    }
}
