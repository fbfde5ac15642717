import ArgumentParser
import FilePlan
import Foundation
import Logging
import ScanPipeline

extension ScanCtl {
    struct Worker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker",
            abstract: "Work on a shared workspace's queue: claim documents, recognise, classify, write records, commit.",
            discussion: """
                Run one worker on every host that shares the workspace (--database postgresql://… --store DIR, \
                the store a folder every host mounts). Batches come from scanctl run on any host (with \
                --enqueue-only, or while it works too); each worker claims documents, --jobs at a time, works \
                on each as scanctl run does and commits it, with the batch's own profile and settings.

                A claimed document is leased to this worker for --lease seconds and renewed while it works; \
                a worker that is killed, frozen or cut off loses its lease, and another worker takes the \
                document over from its last committed page: the lapsed worker's writes are refused. A \
                failed attempt is tried again after --retry-backoff seconds (doubled each time); after \
                --max-attempts the document goes to quarantine with the last error. Page files in progress \
                are kept in --scratch (a local folder is best).

                SIGTERM or Ctrl-C: nothing new is claimed, the pages in flight are committed, and unfinished \
                documents are released for another worker at once.

                Exit codes: 0 stopped as asked (or, with --until-idle, nothing left); 2 the workspace cannot be \
                used (not shared, unreachable, its audit trail does not verify); 3 the OCR engine could not start.
                """
        )

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var options: OCROptions

        @Option(help: ArgumentHelp("This host's folder for page files in progress (default: STORE/work).", valueName: "dir"),
                completion: .directory)
        var scratch: String?

        @Option(help: ArgumentHelp("The worker's name in leases and the audit trail (default: host:pid).", valueName: "name"))
        var name: String?

        @Option(help: ArgumentHelp("How long a claim holds without renewal, in seconds.", valueName: "seconds"))
        var lease = 60

        @Option(help: ArgumentHelp("Attempts on a document before it goes to quarantine.", valueName: "n"))
        var maxAttempts = 3

        @Option(help: ArgumentHelp("Seconds before a failed or abandoned document is tried again (doubled per attempt, at most 10 minutes).",
                                   valueName: "seconds"))
        var retryBackoff = 10.0

        @Option(help: ArgumentHelp("How often an idle worker looks for work, in seconds.", valueName: "seconds"))
        var poll = 2.0

        @Option(help: ArgumentHelp("Give an attempt up when a document makes no progress (no page recognised) for this long, in seconds.",
                                   valueName: "seconds"))
        var stallTimeout = 1800.0

        @Option(help: ArgumentHelp("Claim only this batch's documents (its id).", valueName: "id"))
        var batch: String?

        @Flag(help: "Stop when there is nothing left to claim and nothing in hand.")
        var untilIdle = false

        @Option(help: ArgumentHelp("Seal the Transfervermerk of each batch this worker completes with this Ed25519 key; default $SCANCTL_SEAL_KEY.",
                                   valueName: "file"), completion: .file())
        var sealKey: String?

        @Option(help: .hidden)
        var simulateOcr: Double?

        @Flag(help: "Print the summary as JSON on standard output.")
        var json = false

        @Flag(name: .shortAndLong, help: "Print nothing for each document.")
        var quiet = false

        func validate() throws {
            if lease < 3 { throw ValidationError("--lease must be at least 3 seconds") }
            if maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1") }
            if retryBackoff < 0 || poll <= 0 { throw ValidationError("--retry-backoff and --poll must be positive") }
            if stallTimeout < 1 { throw ValidationError("--stall-timeout must be at least 1 second") }
        }

        func run() async throws {
            let workspace: Workspace
            do {
                workspace = try self.workspace.openWorkspace(create: false, scratch: scratch)
                guard workspace.isShared else {
                    throw ScanPipelineError(.workspace, "scanctl worker works on a shared workspace: name it with --database postgresql://… --store DIR")
                }
            } catch let error as ScanPipelineError {
                throw error.reported(refused: .unusable)
            }
            let plan: FilePlan
            do { plan = try PlanLoading.load(planSelection.path, failing: .unusable) } catch { throw ExitStatus.unusable.code }
            let key: SealKey?
            do { key = try SealKey.fromOption(sealKey) } catch let error as ScanPipelineError { throw error.reported(refused: .unusable) }

            let stop = RunStop()
            let signals = Self.stopOnSignals(stop)
            defer { signals.forEach { $0.cancel() } }
            var worker = WorkerOptions(name: name ?? WorkerOptions.defaultName)
            worker.jobs = options.workerCount
            worker.lease = .seconds(lease)
            worker.maxAttempts = maxAttempts
            worker.backoff = .milliseconds(Int(retryBackoff * 1000))
            worker.poll = .milliseconds(Int(poll * 1000))
            worker.stallTimeout = .milliseconds(Int(stallTimeout * 1000))
            worker.untilIdle = untilIdle
            worker.batch = batch
            worker.stop = stop
            worker.sealKey = key
            let logger = Logger.scanctl("scanctl.worker")
            let runners = RunnerCache(workspace: workspace, plan: plan, options: options, logger: logger)
            let documentWorker = DocumentWorker(workspace: workspace, options: worker, software: ScanCtlVersion.current, logger: logger) { batch in
                try await runners.runner(for: batch)
            }
            if !quiet { Terminal.note("worker \(worker.name) on \(workspace.databasePath), \(worker.jobs) job(s); SIGTERM stops it") }
            let quiet = quiet || json
            let events: @Sendable (RunEvent) async -> Void = { event in
                guard !quiet, case .settled(let outcome) = event else { return }
                let plan = outcome.planCode.map { "\($0) \(outcome.planTitle ?? "")" } ?? "—"
                Terminal.note("\(outcome.state.rawValue) \(PlainText.line(outcome.source))  →  \(PlainText.line(plan))")
            }
            let summary: WorkerSummary
            do {
                if let simulateOcr {
                    summary = try await documentWorker.run(simulatingOCRSeconds: simulateOcr, ingest: options.ocrConfiguration.ingest, events: events)
                } else {
                    summary = try await documentWorker.run(ocr: options.ocrConfiguration, events: events)
                }
            } catch let error as ScanPipelineError {
                throw error.reported(refused: .unusable)
            }
            if json {
                PlanJSON.print(summary)
            } else {
                StandardOutput.write(String(format: "worker %@: %d claimed, %d filed, %d for review, %d quarantined, %d released, "
                                            + "%d lease(s) lost, %d failed attempt(s) (%d stalled), %d swept; %d page(s) in %.1f s\n",
                                            summary.worker, summary.claimed, summary.filed, summary.needsReview, summary.quarantined,
                                            summary.released, summary.leasesLost, summary.failedAttempts, summary.stalled, summary.swept, summary.pages,
                                            summary.seconds))
            }
        }

        /// SIGTERM and SIGINT ask the worker to stop instead of ending the process.
        static func stopOnSignals(_ stop: RunStop) -> [any DispatchSourceSignal] {
            [SIGTERM, SIGINT].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { stop.request() }
                source.resume()
                return source
            }
        }
    }
}

/// The runner for each batch a worker meets, made once: the batch's settings as its run was
/// given them, the worker's plan and OCR options, the workspace's model.
actor RunnerCache {
    let workspace: Workspace
    let plan: FilePlan
    let options: OCROptions
    let logger: Logger
    private var runners: [String: BatchRunner] = [:]

    init(workspace: Workspace, plan: FilePlan, options: OCROptions, logger: Logger) {
        self.workspace = workspace
        self.plan = plan
        self.options = options
        self.logger = logger
    }

    func runner(for batch: String) async throws -> BatchRunner {
        if let runner = runners[batch] { return runner }
        var request = RunSetup.Request(inputs: [], operatorName: "scanctl worker", workers: options.workerCount,
                                       ocr: options.ocrConfiguration, softwareVersion: ScanCtlVersion.current)
        try await workspace.settings(ofBatch: batch)?.apply(to: &request)
        let runner = try await RunSetup.make(request, workspace: workspace, plan: plan).runner(workspace: workspace, logger: logger)
        runners[batch] = runner
        return runner
    }
}
