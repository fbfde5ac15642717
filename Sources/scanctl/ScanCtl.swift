import ArgumentParser
import Foundation

@main
struct ScanCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanctl",
        abstract: "Scan, recognise, classify and file documents for a municipal records office.",
        discussion: """
            scanctl turns scans from a digital mailroom or a digitisation project (TIFF, PNG, JPEG, PDF) \
            into filed records in a workspace: every file is hashed and registered, split into documents at \
            separator sheets, turned upright, straightened and recognised with Tesseract, classified against \
            the file plan (Aktenplan) and written as PDF/A-2b with metadata; what the classifier is not sure \
            of goes to review, what cannot be read to quarantine, and every step into a hash-chained audit \
            trail with a sealed Transfervermerk per batch.

              run         file a batch of scans (resumes an interrupted one)
              review      work through the review queue (accept, reclassify, approve)
              quarantine  list, retry and release files that could not be read
              export      hand records to a DMS: xdomea, d.3 hostimport, JSON
              report      an HTML report of the workspace or a batch
              audit       log, verify, export and seal the audit trail
              plan        validate, show, search, import and diff file plans
              train       train the classifier from a corpus and review decisions
              eval        measure the classifier against a labelled corpus
              ocr         recognise text only, without a workspace (text, hOCR, JSON)
              qa          sample checks of a batch (Stichprobe) and the release of its paper

            Exit codes are the same for every command: 0 done, 1 refused or something failed that it \
            names, 2 the workspace or plan cannot be used (in use, broken, storage failed), 3 the OCR \
            engine or stemmer could not start, 64 invalid arguments.
            """,
        version: ScanCtlVersion.current,
        subcommands: [Run.self, Worker.self, WorkspaceCommand.self, OCR.self, Plan.self, Review.self, Quarantine.self, Report.self, Train.self, Eval.self, Export.self, Audit.self, User.self, Serve.self, Watch.self, Rescan.self, Retention.self, QA.self]
    )

    static func main() async {
        OpenMPEnvironment.pinToOneThreadPerEngine()
        await main(nil)
    }
}
