import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the workspace's records in a format a DMS imports.",
            discussion: """
                Targets:
                  json  <record>.pdf and <record>.json (its metadata) per record, and manifest.json listing \
                all with their SHA-256
                  d3    d.3 hostimport: <record>.pdf with <record>.jpl beside it (dokuart and dok_dat_feld[N] \
                lines); which field gets what comes from --mapping FILE (YAML: dokuart, logi_verzeichnis, \
                encoding utf-8|windows-1252, fields: [{field, value, max_length}]), or a generic default
                  xdomea  one xdomea 3.0.0 Abgabe.Abgabe.0401 message, <ProzessID>_Abgabe.Abgabe.0401.zip: an \
                Akte per plan node (Kennzeichen, title, retention, Aussonderungsart), the records as Dokumente \
                with their audit events as HistorienProtokollInformation and their PDFs; --sender/--recipient \
                name the parties

                Every record file is checked against the SHA-256 the audit trail recorded when it was \
                written, before anything is written, and the bytes checked are the bytes exported; a \
                changed or missing file is refused and audited (record.integrity-failed). Files are \
                written under a temporary name and renamed. A workspace whose audit trail does not verify \
                (scanctl audit verify) exports nothing unless --accept-broken-trail is given. Exporting again into the same folder rewrites only what changed: \
                unchanged records are reported and not audited again. Each exported record gets a \
                record.exported audit event with the names and SHA-256 of its files.

                Exit codes: 0 exported (or nothing to do), 1 a record or the mapping is unusable, or the \
                folder cannot be written (nothing half-written), 2 the workspace cannot be used, a record \
                file changed since it was written, or the audit trail does not verify, 64 invalid arguments.
                """)

        @Option(help: ArgumentHelp("json, d3 or xdomea.", valueName: "target"), transform: { text in
            guard let target = ExportTarget(rawValue: text) else { throw ValidationError("--target is json, d3 or xdomea") }
            return target
        })
        var target: ExportTarget

        @Option(help: ArgumentHelp("The folder to write to (created if missing).", valueName: "dir"), completion: .directory)
        var out: String

        @Option(help: ArgumentHelp("Which records: filed (default), needs-review or all (discarded ones never).", valueName: "state"), transform: { text in
            guard let states = ExportSelection.States(rawValue: text) else { throw ValidationError("--state is filed, needs-review or all") }
            return states
        })
        var state: ExportSelection.States = .filed

        @Option(help: ArgumentHelp("Only records filed under this plan code or below.", valueName: "code"))
        var code: String?

        @Option(help: ArgumentHelp("Only records of this batch (id or its start).", valueName: "id"))
        var batch: String?

        @Option(help: ArgumentHelp("The d.3 field mapping (YAML), for --target d3.", valueName: "file"), completion: .file())
        var mapping: String?

        @Option(help: ArgumentHelp("xdomea: the handing-over authority (Absender).", valueName: "name"))
        var sender = "Abgebende Stelle"

        @Option(help: ArgumentHelp("xdomea: the receiving authority or archive (Empfänger).", valueName: "name"))
        var recipient = "Archiv"

        @Option(name: .customLong("operator"), help: ArgumentHelp("Who exports, for the audit trail (default: $USER).", valueName: "name"))
        var operatorName: String?

        @Flag(help: "Export although the audit trail does not verify; recorded in the trail with its problems and your name.")
        var acceptBrokenTrail = false

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            if mapping != nil && target != .d3 { throw ValidationError("--mapping is for --target d3") }
        }

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let summary: ExportSummary
            do {
                let d3Mapping = try mapping.map { try D3Mapping.load(from: URL(fileURLWithPath: $0)) } ?? .standard
                summary = try await workspace.export(
                    target, mapping: d3Mapping, parties: XdomeaParties(sender: sender, recipient: recipient), selection: ExportSelection(states: state, codePrefix: code, batch: batch),
                    to: URL(fileURLWithPath: out), actor: .person(operatorName ?? ScanCtl.Run.defaultOperator),
                    acceptingBrokenTrail: acceptBrokenTrail)
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            if output.json {
                PlanJSON.print(summary)
            } else {
                var lines = ["\(target.rawValue) export to \(summary.folder): \(summary.exported.count) record(s) written, "
                             + "\(summary.unchanged.count) unchanged, \(summary.filesWritten) file(s) written"]
                if summary.exported.isEmpty && summary.unchanged.isEmpty { lines.append("No records match the selection.") }
                if !summary.discarded.isEmpty {
                    lines.append("Left out \(summary.discarded.count) document(s) discarded as nicht aktenrelevant: "
                                 + summary.discarded.prefix(5).map { String($0.prefix(8)) }.joined(separator: ", ")
                                 + (summary.discarded.count > 5 ? ", …" : ""))
                }
                StandardOutput.write(lines.joined(separator: "\n") + "\n")
            }
        }
    }
}
