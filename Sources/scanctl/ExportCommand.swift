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
                  xdomea-aussonderung  the Aussonderung at the end of retention (see scanctl retention): \
                --stage anbieten writes the Anbieteverzeichnis <ProzessID>_Aussonderung.Anbieteverzeichnis.0501.zip \
                of the A and B records whose retention ended before --before DATE (A with the \
                Bewertungsvorschlag archivwürdig); --stage aussondern writes \
                <ProzessID>_Aussonderung.Aussonderung.0503.zip with the records the archive judged \
                archivwürdig (retention evaluation) and their PDF/A files, for the one process waiting \
                or --process ID. Needs a records manager (--as NAME); messages are validated against \
                --xdomea-schemas DIR (or $SCANCTL_XDOMEA_SCHEMAS) before they are written

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

        @Option(help: ArgumentHelp("json, d3, xdomea or xdomea-aussonderung.", valueName: "target"), transform: { text in
            guard let target = ExportTarget(rawValue: text) else { throw ValidationError("--target is json, d3, xdomea or xdomea-aussonderung") }
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

        @Option(help: ArgumentHelp("xdomea-aussonderung: anbieten (0501) or aussondern (0503).", valueName: "stage"))
        var stage: AussonderungStage?

        @Option(help: ArgumentHelp("xdomea-aussonderung --stage aussondern: the Aussonderung's process id (or its start).", valueName: "id"))
        var process: String?

        @OptionGroup var date: ReferenceDateOption
        @OptionGroup var schemas: XdomeaSchemaOption
        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func validate() throws {
            if mapping != nil && target != .d3 { throw ValidationError("--mapping is for --target d3") }
            if (target == .xdomeaAussonderung) != (stage != nil) {
                throw ValidationError("--stage anbieten|aussondern goes with --target xdomea-aussonderung, and only with it")
            }
            if process != nil && stage != .aussondern { throw ValidationError("--process is for --stage aussondern") }
        }

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            if let stage {
                try await aussonderung(stage, in: workspace)
                return
            }
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
    
        /// `--target xdomea-aussonderung`: the 0501 or the 0503 of the Aussonderung.
        private func aussonderung(_ stage: AussonderungStage, in workspace: Workspace) async throws {
            let user = try await identity.user(in: workspace)
            let summary: AussonderungSummary
            do {
                switch stage {
                case .anbieten:
                    summary = try await workspace.offerForAussonderung(
                        before: date.day, parties: XdomeaParties(sender: sender, recipient: recipient), to: URL(fileURLWithPath: out),
                        by: user, validator: schemas.validator, software: ScanCtlVersion.current)
                case .aussondern:
                    summary = try await workspace.handOverToArchive(process: process, to: URL(fileURLWithPath: out), by: user,
                                                                    validator: schemas.validator, software: ScanCtlVersion.current)
                }
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            if output.json {
                PlanJSON.print(summary)
            } else {
                let what = stage == .anbieten ? "offered to the archive" : "handed over to the archive"
                StandardOutput.write("\(summary.messageType) written: \(summary.message)\n\(summary.records.count) record(s) \(what), "
                                     + "process \(summary.process)\n")
            }
        }
    }
}

/// `--stage` of `--target xdomea-aussonderung`.
enum AussonderungStage: String, ExpressibleByArgument, CaseIterable {
    case anbieten
    case aussondern
}
