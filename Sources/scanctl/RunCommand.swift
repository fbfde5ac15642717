import ArgumentParser
import FilePlan
import Foundation
import Logging
import ScanPipeline

extension ScanCtl {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Turn a batch of scans into filed records: ingest, OCR, classify, write records, audit.",
            discussion: """
                Every input file is hashed (SHA-256) and registered in the workspace. Its pages are turned \
                upright, straightened and recognised, and their barcodes and QR codes read; blank pages are \
                noted and left out of the record. A file holding a stack of post is split into documents at \
                its separator sheets (Patch T or Patch 2: the sheet's barcode PATCHT/PATCH2); the sheets \
                stay in the audit trail, never in a record. A document of more than --max-pages pages is \
                queued for review (a missed separator sheet?). Each document is classified against the file \
                plan and written to WORKSPACE/records/<id>/ as a PDF/A-2b (the scan with an invisible text \
                layer) and metadata.json. A letter marked persönlich, vertraulich, or as personnel, health \
                or social data on its first page gets Schutzbedarf hoch and always goes to review. When the classifier is not confident down to a leaf of the plan, the record \
                is filed at the deepest confident node and queued for review.

                Scanning profiles (--profile) set separation, the largest document, the batch's \
                Schutzbedarf, languages and the per-page quality gate (minimum resolution, OCR confidence, \
                almost-empty pages, skew); a page that fails it is flagged for rescan, its document goes to \
                review, and the Transfervermerk lists it. Shipped: posteingang (mailroom: 200 dpi, at most \
                30 pages per letter) and bestandsakten (legacy files: 300 dpi, up to 1000 pages per Akte); \
                more in a YAML file (--profiles FILE, or WORKSPACE/profiles.yaml).

                Classification uses the plan's Aktenzeichen, titles and keywords, and the statistical model \
                last trained in the workspace (scanctl train), if any; every classification event names the \
                model's version. A document is filed automatically only when the probability of its node \
                reaches --thresholds for its level.

                A file whose content is already in the workspace is reported as a duplicate and not filed \
                again. A file that cannot be read is kept in WORKSPACE/quarantine/ with the reason; given \
                again once the cause is fixed, it is retried, not a duplicate (scanctl quarantine lists, \
                retries and releases quarantined files). Every \
                step is recorded in the workspace's audit trail (scanctl audit log). If a run is killed, \
                running it again on the same workspace completes the batch: nothing is lost or repeated.

                Exit codes (for a scheduler: a quarantined file is a result, not a failure of the run):
                  0  the run completed: every input was filed, queued for review, reported as a duplicate, \
                quarantined or not processed, each of the last two named on standard error and in the summary; \
                with --fail-on-quarantine, 1 when any input was quarantined or not processed
                  1  with --fail-on-quarantine: at least one input was quarantined or not processed
                  2  the workspace or the file plan cannot be used (in use by another run, invalid, or
                     its audit trail does not verify: see --accept-broken-trail), or its storage failed
                     (disk full, read-only): nothing half-written stays, and running again completes the batch
                  3  the OCR engine or the German stemmer could not start (missing language data, a broken
                     libstemmer)
                  64 invalid arguments
                """
        )

        @Argument(help: ArgumentHelp("Scanned files (TIFF, PNG, JPEG, PDF) or folders of them. Without any, the run only completes what an interrupted run left.", valueName: "input"),
                  completion: .file())
        var inputs: [String] = []

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var planSelection: PlanSelection

        @Option(name: .customLong("operator"), help: ArgumentHelp("Who runs the batch, for the audit trail (default: $USER).", valueName: "name"))
        var operatorName: String?

        @Option(help: ArgumentHelp("The scanning profile: posteingang (default) or bestandsakten, or one from --profiles; "
                                   + "named in the audit trail and the Transfervermerk.", valueName: "name"))
        var profile: String?

        @Option(help: ArgumentHelp("A YAML file of more scanning profiles (default: WORKSPACE/profiles.yaml if present).",
                                   valueName: "file"), completion: .file())
        var profiles: String?

        @Option(help: ArgumentHelp("The batch's protection need (normal, hoch, sehr-hoch); records get at least this "
                                   + "(default: the profile's).", valueName: "level"))
        var schutzbedarf: SchutzbedarfOption?

        @OptionGroup var options: OCROptions
        @OptionGroup var decision: DecisionPolicyOption

        @Option(help: ArgumentHelp("Seal each batch's Transfervermerk with this Ed25519 key (scanctl audit seal-key); default $SCANCTL_SEAL_KEY.",
                                   valueName: "file"), completion: .file())
        var sealKey: String?

        @Option(help: ArgumentHelp("Read the inputs as a contractor's delivery of Akten: 'folder' (every folder of files is one Akte, "
                                   + "its name giving Aktenzeichen and title) or 'manifest' (one Akte per row of a CSV manifest). "
                                   + "The profile defaults to bestandsakten.", valueName: "folder|manifest"))
        var akteFrom: AkteSourceOption?

        @Option(help: ArgumentHelp("The delivery's manifest, semicolon-separated: path;aktenzeichen;title;laufzeit_von;laufzeit_bis;… "
                                   + "(paths relative to it; default: manifest.csv in the delivery folder).", valueName: "file"))
        var manifest: String?

        @Option(help: ArgumentHelp("How an Akte folder's name gives its Aktenzeichen: a regular expression with the groups "
                                   + "(?<az>…) and optionally (?<title>…) (default: the Aktenzeichen up to the first space, the title after it).",
                                   valueName: "regex"))
        var azPattern: String?

        @Flag(help: "Do not read barcodes or split files at separator sheets (one file is one document).")
        var noSeparation = false

        @Flag(help: "Also split files at blank pages (simplex scans without separator sheets; default: the profile's).")
        var separateAtBlankPages = false

        @Option(help: ArgumentHelp("More pages than this in one document sends it to review (default: the profile's).",
                                   valueName: "n"))
        var maxPages: Int?

        @Option(help: ArgumentHelp("A file with more pages than this is scanned after the other files, so that it does "
                                   + "not hold them back (default: 200).", valueName: "n"))
        var largeFilePages: Int?

        @Flag(help: "Run although the audit trail does not verify (scanctl audit verify); recorded in the trail with its problems and the operator.")
        var acceptBrokenTrail = false

        @Flag(help: "Exit 1 when any input was quarantined or not processed (default: 0, the run completed; they are reported).")
        var failOnQuarantine = false

        @Flag(help: "On a shared workspace (--database): register and enqueue the batch only, for scanctl worker on any host to process.")
        var enqueueOnly = false

        @Option(help: ArgumentHelp("On a shared workspace: this host's folder for page files in progress (default: STORE/work).",
                                   valueName: "dir"), completion: .directory)
        var scratch: String?

        @Flag(help: "Print the summary as JSON on standard output.")
        var json = false

        @Flag(name: .shortAndLong, help: "No progress display on standard error.")
        var quiet = false

        func run() async throws {
            do {
                try await runBatch()
            } catch let refusal as RunRefusal {
                if !refusal.alreadyShown { Terminal.error(PlainText.line(refusal.error.description)) }
                // A script reading --json gets a reason on standard output too, not nothing.
                if json { PlanJSON.print(RunRefusalJSON(exitCode: refusal.status.rawValue, error: refusal.error)) }
                throw refusal.status.code
            }
        }

        /// The delivery options, checked together: a manifest or pattern only where it is read.
        private func deliveryOptions() throws -> DeliveryOptions? {
            guard let akteFrom else {
                if manifest != nil || azPattern != nil {
                    throw RunRefusal(ScanPipelineError(.workspace, "--manifest and --az-pattern need --akte-from (folder or manifest)"))
                }
                return nil
            }
            if akteFrom == .folder, manifest != nil {
                throw RunRefusal(ScanPipelineError(.workspace, "--manifest is read with --akte-from manifest, not folder"))
            }
            if akteFrom == .manifest, azPattern != nil {
                throw RunRefusal(ScanPipelineError(.workspace, "--az-pattern reads folder names; with --akte-from manifest the manifest's aktenzeichen column is used"))
            }
            if akteFrom == .manifest, manifest == nil, inputs.count != 1 {
                throw RunRefusal(ScanPipelineError(.workspace, "--akte-from manifest without --manifest reads manifest.csv of one delivery folder; name the manifest with --manifest FILE"))
            }
            let options = DeliveryOptions(source: akteFrom.source, manifest: manifest.map { URL(fileURLWithPath: $0).path },
                                          aktenzeichenPattern: azPattern)
            do { try options.validate() } catch let error as ScanPipelineError { throw RunRefusal(error) }
            return options
        }

        private func runBatch() async throws {
            let plan: FilePlan
            do { plan = try PlanLoading.load(planSelection.path, failing: .unusable) } catch {
                throw RunRefusal(ScanPipelineError(.workspace, path: planSelection.path, "is not a valid file plan (scanctl plan validate)"),
                                 alreadyShown: true)
            }
            let workspace: Workspace
            do { workspace = try self.workspace.openWorkspace(scratch: scratch) } catch let error as ScanPipelineError {
                throw RunRefusal(error)
            }
            // The seal key is checked before any work, not after an hour of scanning.
            let key: SealKey?
            do {
                key = try SealKey.fromOption(sealKey)
            } catch let error as ScanPipelineError {
                throw RunRefusal(error)
            }
            if enqueueOnly, !workspace.isShared {
                throw RunRefusal(ScanPipelineError(.workspace, "--enqueue-only is for a shared workspace (--database, --store), where workers take the batch"))
            }
            if inputs.isEmpty, workspace.isShared {
                Terminal.note("Nothing to enqueue: on a shared workspace the workers (scanctl worker) complete what is unfinished.")
                return
            }
            if inputs.isEmpty, try await workspace.unsettledDocumentCount() == 0 {
                // A kill after a batch closed may have left it without its Transfervermerk; a note
                // is not added to a trail that does not verify (BatchRunner.run checks the same).
                do { try await workspace.requireIntactTrail(accepting: acceptBrokenTrail ? .person(operatorName ?? Self.defaultOperator) : nil) }
                catch let error as ScanPipelineError { throw RunRefusal(error) }
                try await writeTransfervermerke(workspace, key: key)
                Terminal.note("Nothing to do: no inputs given, and no interrupted documents in \(workspace.root.path).")
                return
            }
            // Names that are not UTF-8 reach us repaired; the run needs their bytes to open them.
            let rawInputs = RawArguments.bytes(of: inputs)
            var request = RunSetup.Request(
                inputs: inputs.map { rawInputs[$0].map({ RunConfiguration.shownPath(bytes: $0) }) ?? $0 },
                operatorName: operatorName ?? Self.defaultOperator, workers: options.workerCount,
                ocr: options.ocrConfiguration, softwareVersion: ScanCtlVersion.current)
            request.inputBytes = Dictionary(rawInputs.map { (RunConfiguration.shownPath(bytes: $0.value), $0.value) }) { first, _ in first }
            request.profile = profile
            request.profilesFile = profiles.map { URL(fileURLWithPath: $0) }
            request.schutzbedarf = schutzbedarf?.level
            request.languagesGiven = options.languagesGiven
            request.noSeparation = noSeparation
            request.separateAtBlankPages = separateAtBlankPages
            request.maximumPagesPerDocument = maxPages
            request.largeFilePages = largeFilePages
            request.acceptBrokenTrail = acceptBrokenTrail
            request.policy = decision.thresholds
            request.delivery = try deliveryOptions()
            let setup: RunSetup
            do { setup = try await RunSetup.make(request, workspace: workspace, plan: plan) } catch let error as ScanPipelineError {
                throw RunRefusal(error)
            }
            for note in setup.notes {
                if case let .modelTrainedOnOtherPlan(model, trainedOn, classifyingAgainst) = note {
                    Terminal.note("The model \(model) was trained against \(trainedOn); classifying against \(classifyingAgainst).")
                }
            }
            var runner = setup.runner(workspace: workspace, logger: Logger(label: "scanctl"))
            runner.configuration.enqueueOnly = enqueueOnly
            runner.configuration.workSettings = BatchWorkSettings(request)
            let progress = RunProgress(enabled: !quiet)
            let summary: RunSummary
            do {
                summary = try await runner.run { event in await progress.handle(event) }
            } catch let error as ScanPipelineError {
                await progress.finish()
                throw RunRefusal(error)
            }
            await progress.finish()
            if summary.empty {
                // The folder was empty: no batch, no Transfervermerk.
                if json { PlanJSON.print(RunSummaryJSON(workspace: workspace.root.path, summary: summary)) }
                else { Terminal.note("Nothing to do: no files in \(inputs.joined(separator: ", ")), and no interrupted documents.") }
                return
            }
            // The Transfervermerk of this batch, and of any batch a kill left without one.
            try await writeTransfervermerke(workspace, key: key)
            if json {
                PlanJSON.print(RunSummaryJSON(workspace: workspace.root.path, summary: summary))
            } else {
                StandardOutput.write(RunReport.text(summary, workspace: workspace.root.path,
                                                    selection: workspace.isShared ? "--database \(workspace.databasePath) --store \(workspace.root.path)" : nil))
            }
            if failOnQuarantine, summary.quarantined > 0 || !summary.skipped.isEmpty { throw ExitStatus.refused.code }
        }

        /// Writes the missing Transfervermerke and says where they are.
        private func writeTransfervermerke(_ workspace: Workspace, key: SealKey?) async throws {
            do {
                let written = try await workspace.writeMissingTransfervermerke(
                    sealKey: key, actor: .component("scanctl", version: ScanCtlVersion.current))
                for batch in written where !json {
                    Terminal.note("Transfervermerk: \(workspace.transfervermerkFolder.appendingPathComponent("\(batch).txt").path)"
                                  + (key == nil ? " (not sealed: no --seal-key)" : " (sealed)"))
                }
            } catch let error as ScanPipelineError {
                throw RunRefusal(error)
            }
        }

        static var defaultOperator: String {
            ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown operator"
        }
    }
}

/// `--schutzbedarf`: the plan's levels as command-line values.
enum SchutzbedarfOption: String, CaseIterable, ExpressibleByArgument {
    case normal
    case hoch
    case sehrHoch = "sehr-hoch"

    var level: Schutzbedarf { Schutzbedarf(rawValue: rawValue) ?? .normal }
}

/// A run that could not start or go on: the error, shown on standard error (and as JSON with
/// `--json`), and the exit code (`ExitStatus.of`: whatever stops a run is an unusable setup, 2,
/// unless an engine is missing, 3).
struct RunRefusal: Error {
    var error: ScanPipelineError
    var status: ExitStatus
    /// Whether the error was written to standard error already (the plan loader shows its own).
    var alreadyShown: Bool

    init(_ error: ScanPipelineError, alreadyShown: Bool = false) {
        self.error = error
        self.status = ExitStatus.of(error, refused: .unusable)
        self.alreadyShown = alreadyShown
    }
}

struct RunRefusalJSON: Encodable {
    struct Failure: Encodable {
        var code: String
        var path: String?
        var reason: String
    }
    var exitCode: Int32
    var error: Failure

    init(exitCode: Int32, error: ScanPipelineError) {
        self.exitCode = exitCode
        self.error = Failure(code: error.code.rawValue, path: error.path, reason: error.reason)
    }
}

struct RunSummaryJSON: Encodable {
    var workspace: String
    var summary: RunSummary
}

/// `--akte-from`: how a delivery is read into Akten.
enum AkteSourceOption: String, CaseIterable, ExpressibleByArgument {
    case folder, manifest

    var source: DeliveryOptions.Source {
        switch self {
        case .folder: .folder
        case .manifest: .manifest
        }
    }
}
