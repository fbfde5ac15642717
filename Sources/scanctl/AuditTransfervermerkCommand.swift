import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Audit {
    struct TransfervermerkCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transfervermerk",
            abstract: "Print a batch's Transfervermerk, in German (as its .txt file holds it) or in English.",
            discussion: """
                Every batch scanctl run closes gets a Transfervermerk (TR-RESISCAN) in WORKSPACE/transfervermerke/: \
                who scanned with which scanner and settings, what came out, the automatic checks, the anomalies by \
                file and page, and the SHA-256 of every file and page image. The sample check and the release for \
                destruction of the paper (scanctl qa) are recorded in its supplement (transfervermerke/nachtraege/), \
                printed after it.

                Exit codes: 0 printed, 1 no Transfervermerk for the batch (yet), 2 no workspace, 64 invalid arguments.
                """)

        @Option(help: ArgumentHelp("The batch id (or a unique start of it).", valueName: "id"))
        var batch: String

        @Option(help: ArgumentHelp("The language: de (default) or en.", valueName: "de|en"))
        var lang: String = "de"

        @Flag(help: "Print the note's JSON instead.")
        var json = false

        @OptionGroup var selection: WorkspaceSelection

        func validate() throws {
            guard Transfervermerk.Language(rawValue: lang) != nil else {
                throw ValidationError("--lang is de or en")
            }
        }

        func run() async throws {
            let workspace = try selection.open(create: false)
            let note: Transfervermerk?
            do { note = try await workspace.storedTransfervermerk(batch: batch) } catch let error as ScanPipelineError {
                Terminal.error(error.description)
                throw ExitStatus.refused.code
            }
            guard let note else {
                Terminal.error("batch \(batch) has no Transfervermerk in \(workspace.transfervermerkFolder.path) (yet)")
                throw ExitStatus.refused.code
            }
            // The supplement written at the release of the paper follows the note.
            let nachtrag = try await workspace.storedNachtrag(batch: note.batch)
            let language = Transfervermerk.Language(rawValue: lang) ?? .german
            if json {
                PlanJSON.print(TransfervermerkJSON(transfervermerk: note, nachtrag: nachtrag))
            } else {
                StandardOutput.write(note.text(in: language) + (nachtrag.map { "\n" + $0.text(in: language) } ?? ""))
            }
        }
    }
}

/// `--json`: the note and its supplement.
struct TransfervermerkJSON: Encodable {
    var transfervermerk: Transfervermerk
    var nachtrag: TransfervermerkNachtrag?
}
