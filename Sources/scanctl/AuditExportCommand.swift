import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Audit {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the audit trail as JSON or CSV for an external auditor, with the chain's head hash.",
            discussion: """
                Every event with its stored fields; the payload is the exact canonical JSON that was hashed, \
                so an auditor can recompute hash = SHA-256(previousHash ‖ canonical event) row by row. JSON \
                states the head (last sequence and hash) and whether the chain verified; in CSV the last \
                row's hash is the head of a full export, and the head is printed on stderr either way.

                Exit codes: 0 written and the chain is intact, 1 written but the chain is broken (the first \
                bad event is named), 2 no workspace or the file cannot be written, 64 invalid arguments.
                """)

        @Option(help: ArgumentHelp("json or csv.", valueName: "format"), transform: { text in
            guard let format = AuditTrailExport.Format(rawValue: text) else { throw ValidationError("--format is json or csv") }
            return format
        })
        var format: AuditTrailExport.Format

        @Option(help: ArgumentHelp("The file to write (default: standard output).", valueName: "file"), completion: .file())
        var out: String?

        @Option(help: ArgumentHelp("Only events about this document (its id or at least its first 4 characters).", valueName: "id"))
        var document: String?

        @Option(help: ArgumentHelp("Only events about this batch (its id or at least its first 4 characters).", valueName: "id"))
        var batch: String?

        @OptionGroup var selection: WorkspaceSelection

        func run() async throws {
            let workspace = try selection.open(create: false)
            let (document, batch) = try await AuditSubjectFilter.resolve(document: document, batch: batch, in: workspace)
            let export = try await workspace.auditTrailExport(document: document, batch: batch)
            let data = try export.data(format)
            if let out {
                do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    Terminal.error("\(out): cannot write the export: \(error.localizedDescription)")
                    throw ExitStatus.unusable.code
                }
            } else {
                StandardOutput.write(String(decoding: data, as: UTF8.self))
            }
            let state = export.verification.firstBroken.map { "BROKEN at event \($0.sequence): \($0.reason)" } ?? "intact"
            Terminal.write("\(export.events.count) event(s) exported; chain \(state); head: event \(export.headSequence), "
                           + "hash \(export.headHash)")
            if !export.verification.isIntact { throw ExitStatus.refused.code }
        }
    }
}
