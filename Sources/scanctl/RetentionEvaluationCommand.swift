import ArgumentParser
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

        @OptionGroup var message: ArchiveMessageOptions

        func run() async throws { try await message.read(expecting: ["0502"]) }
    }
}
