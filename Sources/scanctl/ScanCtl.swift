import ArgumentParser
import Foundation

@main
struct ScanCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanctl",
        abstract: "Scan, recognise and file documents for a municipal records office.",
        discussion: """
            scanctl turns scans from a digital mailroom or a digitisation project (TIFF, PNG, JPEG, PDF) \
            into searchable text with Tesseract.
            """,
        version: ScanCtlVersion.current,
        subcommands: [Run.self, OCR.self, Plan.self, Review.self, Quarantine.self, Report.self, Train.self, Eval.self, Export.self, Audit.self]
    )

    static func main() async {
        OpenMPEnvironment.pinToOneThreadPerEngine()
        await main(nil)
    }
}
