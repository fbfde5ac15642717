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

        @OptionGroup var message: ArchiveMessageOptions

        func run() async throws { try await message.read(expecting: ["0504", "0505", "0506", "0507"]) }
    }
}
