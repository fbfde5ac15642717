public import FilePlan
import AsyncAlgorithms
import Foundation
public import Logging

/// `scanctl run`: ingest → separate → OCR → classify → decide → write records → audit, in one
/// workspace, resumable.
///
/// Stages: every input is hashed and registered first (ingest and separation are cheap and make
/// the whole batch known to the database before any OCR starts); then pages go to the OCR pool with
/// at most two per worker in flight, and each result is committed as it arrives. A document whose
/// last page is in is classified and written as a record. Every state change is committed with its
/// audit event in one transaction, so after a kill the next run picks up each document where its
/// last committed state left it.
public struct BatchRunner: Sendable {
    public let workspace: Workspace
    public let plan: FilePlan
    public let classifier: any DocumentClassifier
    public var configuration: RunConfiguration
    let logger: Logger

    public init(workspace: Workspace, plan: FilePlan, classifier: any DocumentClassifier,
                configuration: RunConfiguration, logger: Logger) {
        self.workspace = workspace
        self.plan = plan
        self.classifier = classifier
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs the batch. Throws only when the run cannot go on at all (workspace in use or unwritable,
    /// OCR engine cannot start, no sRGB profile for PDF/A); a bad input is quarantined and reported in the summary instead.
    public func run(events: @escaping @Sendable (RunEvent) async -> Void = { _ in }) async throws -> RunSummary {
        let configuration = configuration
        let logger = logger
        return try await run(events: events) {
            try await OCRWorkerPool(configuration: configuration.ocr, workers: configuration.workers, logger: logger)
        }
    }

    /// Runs the batch with the recognizer `makeRecognizer` starts once the workspace is claimed and
    /// its trail checked (the OCR pool; canned pages in tests).
    func run(events: @escaping @Sendable (RunEvent) async -> Void,
             recognizer makeRecognizer: @Sendable () async throws -> any PageRecognizer) async throws -> RunSummary {
        // On a shared store runs and workers on several hosts work at once, each document under
        // its own lease; the workspace is not claimed as a whole.
        if workspace.isShared { return try await runClaimed(events: events, recognizer: makeRecognizer) }
        return try await workspace.workQueue.holding(for: "scanctl run") {
            try await runClaimed(events: events, recognizer: makeRecognizer)
        }
    }

    private func runClaimed(events: @escaping @Sendable (RunEvent) async -> Void,
                            recognizer makeRecognizer: @Sendable () async throws -> any PageRecognizer) async throws -> RunSummary {
        // Nothing is added to a trail that does not verify, unless someone accepts that (audited).
        try await workspace.requireIntactTrail(accepting: configuration.acceptBrokenTrail ? .person(configuration.operatorName) : nil)
        // Records are PDF/A: without the output intent's profile no record could be written, so
        // the run must not start scanning.
        _ = try SRGBProfile.data()
        let started = ContinuousClock.now
        // Enqueueing only needs no engine: the workers recognise the pages.
        let pool: any PageRecognizer = workspace.isShared && configuration.enqueueOnly ? NoRecognizer() : try await makeRecognizer()
        let run = BatchRun(runner: self, recognizer: pool, events: events)
        run.registersOnly = workspace.isShared
        do {
            try await run.execute()
            if workspace.isShared { try await run.workOnOwnBatch(events: events) }
        } catch {
            await pool.shutdown()
            throw Self.stopping(because: error, workspace: workspace.root)
        }
        await pool.shutdown()
        run.summary.seconds = (ContinuousClock.now - started).seconds
        run.summary.documents.sort { $0.source < $1.source }
        return run.summary
    }

    /// The error a run stops with: the library's own as it is; a database or file system failure
    /// as `storage` when the workspace cannot be written (disk full, read-only, database gone),
    /// else as `workspace`, with the underlying cause.
    static func stopping(because error: any Error, workspace: URL) -> any Error {
        if error is ScanPipelineError || error is CancellationError { return error }
        if let database = SQLiteStore.stoppingError(error, workspace: workspace) { return database }
        if let problem = StorageFailure.problem(in: workspace) { return problem }
        return ScanPipelineError(.workspace, path: workspace.path, "\(error)")
    }

    var componentActor: AuditActor { .component("scanctl", version: configuration.softwareVersion) }
    var engineActor: AuditActor { .component("tesseract", version: OCREngine.tesseractVersion) }
    var classifierActor: AuditActor { .component("classifier/\(classifier.name)", version: classifier.version) }
}

/// One document on its way through the run.
struct WorkItem: Sendable {
    var document: String
    var sha256: String
    /// The source file's path as recorded.
    var path: String
    /// The path it is opened by (an alias for a name that is not UTF-8).
    var openPath: String
    var pageCount: Int
    var state: DocumentState
    var batch: String
    /// The document whose work folder holds the page files: itself, or the one it was split from.
    var workDocument: String
}

/// The state of one run, used by one task only.
final class BatchRun {
    let runner: BatchRunner
    let recognizer: any PageRecognizer
    let events: @Sendable (RunEvent) async -> Void
    let batch: String
    var summary: RunSummary
    /// A run on a shared store registers its documents only; workers (its own too) recognise them.
    var registersOnly = false
    var store: any DocumentStore { runner.workspace.documents }
    var inspector: SourceInspector { SourceInspector(configuration: runner.configuration.ocr.ingest) }
    var quarantine: QuarantineStore { QuarantineStore(folder: runner.workspace.quarantineFolder) }
    var workFolder: URL { runner.workspace.workFolder }

    /// `batch`: the batch the run opens (a new one), or, for a worker, the batch of the
    /// documents it was given.
    init(runner: BatchRunner, recognizer: any PageRecognizer, events: @escaping @Sendable (RunEvent) async -> Void,
         batch: String = UUID().uuidString.lowercased()) {
        self.runner = runner
        self.recognizer = recognizer
        self.events = events
        self.batch = batch
        self.summary = RunSummary(batch: batch)
    }

    /// Ingest runs as its own task and hands documents to OCR through a channel that holds one at a
    /// time, so ingest stays just ahead of recognition and memory does not grow with the batch.
    func execute() async throws {
        try removeLeftoversOfInterruptedWrites()
        let resumed = try await documentsToResume()
        // On a shared store an open batch may be another host's, live: a file of it named again is
        // a duplicate; a dead run's batch closes by itself once its ingest hold lapses.
        let interrupted = runner.workspace.isShared ? [] : try await interruptedBatches()
        let listing = try await expandInputs()
        // Nothing to ingest, resume or close: no batch at all (a scheduler's empty pass leaves no trace).
        if resumed.isEmpty, interrupted.isEmpty, listing.inputs.isEmpty, listing.skipped.isEmpty {
            summary.empty = true
            return
        }
        try await openBatch()
        summary.resumed = resumed.count
        try await recordSkipped(listing.skipped)
        await events(.planned(documents: resumed.count + listing.inputs.count))
        let channel = AsyncThrowingChannel<IngestResult, any Error>()
        let ingestor = Ingestor(store: store, inspector: inspector, quarantine: quarantine,
                                actor: runner.componentActor, batch: batch, operatorName: runner.configuration.operatorName,
                                retrying: runner.configuration.retrying, interruptedBatches: interrupted,
                                sourceCopies: runner.workspace.isShared ? runner.workspace.sourceCopies : nil, events: events)
        // On a shared store the batch's ingest is held while it lasts: no worker closes the batch
        // while files of it are still being registered, and a dead run's hold lapses.
        let ingestHold = try await holdIngest()
        defer { ingestHold?.cancel() }
        let resuming = Set(resumed.map(\.sha256))
        let largeFile = runner.configuration.largeFilePages
        let stop = runner.configuration.stop
        let producer = Task {
            do {
                for item in resumed { await channel.send(.work(item)) }
                // A very large file goes after the others, so that it does not hold back every file
                // behind it for as long as its pages take.
                var deferred: [IngestResult] = []
                for input in listing.inputs {
                    try Task.checkCancellation()
                    if stop?.isRequested == true { break }
                    let result = switch input {
                    case .file(let file): try await ingestor.ingest(file, resuming: resuming)
                    case .akte(let akte): try await ingestor.ingest(akte, resuming: resuming)
                    }
                    if case .work(let item) = result, item.pageCount > largeFile {
                        deferred.append(result)
                    } else {
                        await channel.send(result)
                    }
                }
                for result in deferred { await channel.send(result) }
                channel.finish()
            } catch {
                channel.fail(error)
            }
        }
        defer { producer.cancel() }
        try await process(channel)
        if let ingestHold {
            ingestHold.cancel()
            try await runner.workspace.documentQueue?.holdIngest(batch: batch, lease: nil)
        }
        summary.retried = try await store.eventCount(.quarantineRetried, batch: batch)
        summary.stopped = stop?.isRequested == true
        // On a shared store the batch closes when its last document settles, on whichever host.
        if !runner.workspace.isShared { try await closeBatches(currentOnlyWhenSettled: summary.stopped) }
        try await countQuarantinedBeforeResume(interrupted)
    }

    // MARK: Batch

    func openBatch() async throws {
        let configuration = runner.configuration
        let payload = RunAuditPayload.BatchOpened(
            operator: configuration.operatorName, profile: configuration.profile,
            schutzbedarf: configuration.schutzbedarf.rawValue, plan: runner.plan.id, planVersion: runner.plan.version,
            engine: "tesseract \(OCREngine.tesseractVersion)", languages: configuration.ocr.languages,
            workers: configuration.workers, inputs: configuration.inputs,
            workSettings: runner.workspace.isShared ? configuration.workSettings : nil)
        let opening = BatchOpening(id: batch, openedAt: AuditTrail.timestamp(Date()), operatorName: configuration.operatorName,
                                   profile: configuration.profile, schutzbedarf: configuration.schutzbedarf.rawValue,
                                   planVersion: payload.planVersion)
        try await store.openBatch(opening, event: AuditEntry(
            actor: .person(configuration.operatorName), action: .batchOpened, subjects: AuditSubjects(batch: batch), payload: payload))
    }

    /// Closes this batch, and earlier batches a kill left open once all their documents are settled.
    /// A stopped run leaves its own batch open while a document of it is unfinished.
    func closeBatches(currentOnlyWhenSettled: Bool = false) async throws {
        let actor = runner.componentActor
        let current = currentOnlyWhenSettled ? "" : batch
        let batch = batch
        try await store.closeBatches { open in
            var entry = BatchClosing.event(closing: open, current: current, actor: actor)
            if currentOnlyWhenSettled, open.id == batch, entry != nil {
                // Settled after all: closed as the current batch.
                entry = BatchClosing.event(closing: open, current: batch, actor: actor)
            }
            return entry
        }
    }

    /// Documents an interrupted run left unsettled, in the order they were ingested.
    func documentsToResume() async throws -> [WorkItem] {
        // On a shared store the workers resume what is unsettled, each claiming it first.
        if runner.workspace.isShared { return [] }
        return try await store.unsettledDocuments().map(workItem)
    }

    /// The work item for an unsettled document: opened through its alias (a name that is not
    /// UTF-8), or on a shared store through the copy its ingest kept (`sources/<sha256>`), which
    /// every host can read.
    func workItem(_ document: UnsettledDocument) -> WorkItem {
        let aliases = workFolder.appendingPathComponent("names", isDirectory: true)
        let openPath = runner.workspace.isShared ? runner.workspace.sourceCopies.path(of: document.sourceFile).path
            : InputFile.openPath(forRecorded: document.path, aliases: aliases)
        return WorkItem(document: document.id, sha256: document.sourceFile, path: document.path, openPath: openPath,
                        pageCount: document.pageCount, state: document.state ?? .ingested, batch: document.batch,
                        workDocument: document.parent ?? document.id)
    }

    /// Partial record folders and page PDFs of a killed run: they were never committed, so they go.
    func removeLeftoversOfInterruptedWrites() throws {
        let fileManager = FileManager.default
        // On a shared store another host may be writing them right now; a record's partial folder
        // is replaced when its document is written again, by whichever worker holds it then.
        if runner.workspace.isShared {
            try fileManager.createDirectory(at: workFolder, withIntermediateDirectories: true)
            return
        }
        let records = runner.workspace.recordsFolder
        for name in (try? fileManager.contentsOfDirectory(atPath: records.path)) ?? [] where name.hasPrefix(".partial-") {
            try fileManager.removeItem(at: records.appendingPathComponent(name))
        }
        // Copies and files a kill interrupted before their rename (QuarantineStore, AtomicWrite).
        for folder in [runner.workspace.quarantineFolder, runner.workspace.root.appendingPathComponent("transfervermerke")] {
            for name in (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []
            where name.hasPrefix(".") && (name.hasSuffix(".partial") || name.hasSuffix(".tmp")) {
                try? fileManager.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        try fileManager.createDirectory(at: workFolder, withIntermediateDirectories: true)
    }

    /// What a run is given: files, or the Akten of a delivery.
    enum RunInput: Sendable {
        case file(InputFile)
        case akte(DeliveryAkte)
    }

    struct InputListing: Sendable {
        var inputs: [RunInput]
        var skipped: [SkippedInput]
    }

    /// The files or Akten to process, and the entries of the inputs that are not processed.
    func expandInputs() async throws -> InputListing {
        let scanner = InputScanner(aliasFolder: workFolder.appendingPathComponent("names", isDirectory: true),
                                   maxFileBytes: runner.configuration.ocr.ingest.maxFileBytes)
        let configuration = runner.configuration
        if let delivery = configuration.delivery {
            let reader = DeliveryReader(options: delivery, scanner: scanner)
            let listing = try await BlockingWork.run { try reader.read(configuration.inputs, bytes: configuration.inputBytes) }
            return InputListing(inputs: listing.akten.map(RunInput.akte), skipped: listing.skipped)
        }
        let listing = try await BlockingWork.run { try scanner.scan(configuration.inputs, bytes: configuration.inputBytes) }
        return InputListing(inputs: listing.files.map(RunInput.file), skipped: listing.skipped)
    }

    /// Names every entry that is not processed: in the trail (`file.skipped`), the summary and the
    /// progress display.
    func recordSkipped(_ skipped: [SkippedInput]) async throws {
        guard !skipped.isEmpty else { return }
        let actor = runner.componentActor
        try await store.recordEvents(skipped.map { entry in
            AuditEntry(actor: actor, action: .fileSkipped, subjects: AuditSubjects(batch: batch),
                             payload: RunAuditPayload.FileSkipped(path: entry.path, code: entry.code.rawValue, reason: entry.reason))
        })
        summary.skipped = skipped
        for entry in skipped { await events(.skipped(entry)) }
    }

    /// Batches a kill left open: their finished files, named again, are not duplicates.
    func interruptedBatches() async throws -> Set<String> {
        try await store.openBatches(excluding: batch)
    }

    /// A resumed run that completes an interrupted batch counts the files that batch quarantined
    /// before the kill: its exit code and summary say that something was put aside.
    func countQuarantinedBeforeResume(_ interrupted: Set<String>) async throws {
        guard !interrupted.isEmpty else { return }
        let counted = Set(summary.documents.map(\.document))
        let quarantined = try await store.quarantinedDocuments(inClosedBatches: interrupted).filter { !counted.contains($0) }
        summary.quarantinedBeforeResume = quarantined.count
        summary.quarantined += quarantined.count
    }
}
