import AsyncAlgorithms
public import Foundation
public import Logging

/// `scanctl worker`: on a shared store, claims documents from the queue (``DocumentQueue``), works
/// on each as `scanctl run` does (OCR, classification, record) and commits, on any number of hosts
/// at once.
///
/// Each claimed document is worked on inside its lease's fence (``DocumentFence``): every write
/// checks the lease in its transaction, so a worker that lost it commits nothing. A heartbeat
/// renews the leases in hand every third of their time, on the cooperative pool (OCR runs on the
/// engines' own threads and cannot starve it); a lease found lost cancels its document's work. No
/// database transaction is open while a page is recognised: each page, transition and record is
/// its own short transaction. A failed attempt is retried after a backoff; after the last one
/// the document goes to quarantine with the error. A family that makes no progress (no page
/// recognised, nothing settled) for ``WorkerOptions/stallTimeout`` is given up as a failed
/// attempt: a stuck engine or a lost answer must not hold a document for ever while the
/// heartbeat keeps its lease alive.
public struct DocumentWorker: Sendable {
    public let workspace: Workspace
    public let options: WorkerOptions
    /// The runner for a batch's documents: its profile's settings, the plan and the classifier.
    let runnerFor: @Sendable (String) async throws -> BatchRunner
    let logger: Logger
    let software: String

    public init(workspace: Workspace, options: WorkerOptions, software: String, logger: Logger,
                runnerFor: @escaping @Sendable (String) async throws -> BatchRunner) {
        self.workspace = workspace
        self.options = options
        self.software = software
        self.logger = logger
        self.runnerFor = runnerFor
    }

    var actor: AuditActor { .component("scanctl worker \(options.name)", version: software) }

    /// Works until stopped (or, with `untilIdle`, until nothing is left to claim), with the
    /// Tesseract pool of `options.jobs` engines.
    public func run(ocr: OCRConfiguration, events: @escaping @Sendable (RunEvent) async -> Void = { _ in }) async throws -> WorkerSummary {
        let pool = try await OCRWorkerPool(configuration: ocr, workers: options.jobs, logger: logger)
        do {
            let summary = try await run(recognizer: pool, events: events)
            await pool.shutdown()
            return summary
        } catch {
            await pool.shutdown()
            throw error
        }
    }

    /// What a family's work came to.
    enum Outcome: Sendable {
        case settled(RunSummary)
        case released(RunSummary)
        case lost
        case failed(RunSummary?)
        /// Given up by the stall watchdog; the family's task may still be stuck somewhere.
        case stalled
        case tick
    }

    /// A claimed family: its lease, its work, when it last made progress, and where its outcome
    /// is settled (by the work, or by the watchdog that gives it up).
    struct Held: Sendable {
        var lease: DocumentLease
        var task: Task<Outcome, Never>
        var progress: ContinuousClock.Instant
        var outcome: FirstOutcome<Outcome>
    }

    func run(recognizer: any PageRecognizer, events: @escaping @Sendable (RunEvent) async -> Void) async throws -> WorkerSummary {
        guard let queue = workspace.documentQueue else {
            throw ScanPipelineError(.workspace, path: workspace.root.path,
                                    "scanctl worker needs a shared store: name it with --database postgresql://… --store DIR")
        }
        try await workspace.requireIntactTrail(accepting: nil)
        let started = ContinuousClock.now
        let metering = workspace.store as? any StoreMetering
        let databaseBefore = metering?.timeInDatabase ?? .zero
        let headFileBefore = metering?.timeWritingHeadFile ?? .zero
        var summary = WorkerSummary(worker: options.name)
        let inHand = LockedValue<[String: Held]>([:])
        let heartbeat = Task { await beat(queue: queue, inHand: inHand) }
        defer { heartbeat.cancel() }
        var lastSweep: ContinuousClock.Instant?
        await withTaskGroup(of: Outcome.self) { group in
            var ticking = false
            while true {
                let stopping = options.stop?.isRequested == true
                let running = inHand.withLock { $0.count }
                if !stopping {
                    if lastSweep.map({ ContinuousClock.now - $0 >= options.poll }) ?? true {
                        lastSweep = .now
                        do { summary.swept += try await queue.sweepExpiredLeases(actor: actor) { options.retryDelay(afterAttempts: $0) } }
                        catch { logger.warning("cannot sweep expired leases: \(error)") }
                    }
                    var claimed: [DocumentLease] = []
                    if running < options.jobs {
                        do {
                            claimed = try await queue.claimDocuments(worker: options.name, limit: options.jobs - running,
                                                                     lease: options.lease, batch: options.batch)
                        } catch {
                            // The database is away (restarting, connection cut): try again after the poll interval.
                            logger.warning("cannot claim documents: \(error)")
                        }
                    }
                    for lease in claimed {
                        summary.claimed += 1
                        let outcome = FirstOutcome<Outcome>()
                        // Every event of the family's run is progress the watchdog sees.
                        let progressing: @Sendable (RunEvent) async -> Void = { event in
                            inHand.withLock { $0[lease.document]?.progress = .now }
                            await events(event)
                        }
                        let task = Task {
                            let result = await work(on: lease, recognizer: recognizer, events: progressing)
                            outcome.settle(result)
                            return result
                        }
                        inHand.withLock { $0[lease.document] = Held(lease: lease, task: task, progress: .now, outcome: outcome) }
                        group.addTask {
                            let result = await outcome.value
                            inHand.withLock { held in
                                if held[lease.document]?.outcome === outcome { held.removeValue(forKey: lease.document) }
                            }
                            return result
                        }
                    }
                    if claimed.isEmpty, running == 0, options.untilIdle, await nothingLeft(queue) { break }
                } else if running == 0 {
                    summary.stopped = true
                    break
                }
                if !ticking {
                    ticking = true
                    let poll = options.poll
                    group.addTask {
                        try? await Task.sleep(for: poll)
                        return .tick
                    }
                }
                guard let outcome = await group.next() else { continue }
                switch outcome {
                case .tick: ticking = false
                case .settled(let run): summary.add(run)
                case .released(let run):
                    summary.add(run)
                    summary.released += 1
                case .lost: summary.leasesLost += 1
                case .stalled:
                    summary.stalled += 1
                    summary.failedAttempts += 1
                case .failed(let run):
                    if let run { summary.add(run) }
                    summary.failedAttempts += 1
                }
            }
            group.cancelAll()
        }
        summary.seconds = (ContinuousClock.now - started).seconds
        summary.databaseSeconds = ((metering?.timeInDatabase ?? .zero) - databaseBefore).seconds
        summary.headFileSeconds = ((metering?.timeWritingHeadFile ?? .zero) - headFileBefore).seconds
        return summary
    }

    /// Whether an idle worker with `untilIdle` may end: for a run's own batch, when nothing of it
    /// is left to claim (what other hosts hold is theirs); for a worker, when nothing in the whole
    /// queue is leased or waiting out a backoff either, so that a dead worker's document is taken
    /// over once its lease lapses.
    private func nothingLeft(_ queue: any DocumentQueue) async -> Bool {
        guard options.batch == nil else { return true }
        do {
            let status = try await queue.queueStatus()
            return status.ready + status.leased + status.expired + status.backingOff == 0
        } catch {
            logger.warning("cannot read the queue: \(error)")
            return false
        }
    }

    /// Renews the leases in hand every third of their time; a lease no longer held cancels its
    /// document's work (its writes would be refused anyway). Gives up the families that stalled.
    private func beat(queue: any DocumentQueue, inHand: LockedValue<[String: Held]>) async {
        let interval = options.lease / 3
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await giveUpStalled(queue: queue, inHand: inHand)
            let held = inHand.withLock { $0.values.map(\.lease) }
            guard !held.isEmpty else { continue }
            do {
                let lost = try await queue.renew(held, lease: options.lease)
                for lease in lost {
                    logger.warning("lost the lease on document \(lease.document.prefix(8)): another worker may have it now")
                    inHand.withLock { $0[lease.document]?.task.cancel() }
                }
            } catch {
                // Not renewed this time: the next beat tries again, before the lease runs out.
                logger.warning("cannot renew leases: \(error)")
            }
        }
    }

    /// Ends the lease of each family without progress for ``WorkerOptions/stallTimeout`` as a
    /// failed attempt (retried after the backoff, quarantined after the last), so that its
    /// document is worked on again, here or elsewhere: the lease ended, the stuck work's writes
    /// are refused by the fence should it ever wake. Its slot is free at once.
    private func giveUpStalled(queue: any DocumentQueue, inHand: LockedValue<[String: Held]>) async {
        let now = ContinuousClock.now
        let stalled = inHand.withLock { held -> [Held] in
            let stalled = held.values.filter { now - $0.progress >= options.stallTimeout }
            for family in stalled { held.removeValue(forKey: family.lease.document) }
            return stalled
        }
        for family in stalled {
            let lease = family.lease
            let reason = "no progress for \(Int(options.stallTimeout.seconds)) s (a stuck engine or a lost answer from the database): "
                + "the attempt was given up by worker \(options.name)"
            logger.error("document \(lease.document.prefix(8)), attempt \(lease.attempt): \(reason)")
            family.task.cancel()
            family.outcome.settle(.stalled)
            do {
                try await queue.finish(lease, error: reason, retryAfter: options.retryDelay(afterAttempts: lease.attempt))
            } catch {
                // The lease runs out by itself and a sweep takes the document back.
                logger.warning("cannot end the stalled lease on document \(lease.document.prefix(8)): \(error)")
            }
        }
    }

    /// Works on one claimed family inside its fence.
    private func work(on lease: DocumentLease, recognizer: any PageRecognizer,
                      events: @escaping @Sendable (RunEvent) async -> Void) async -> Outcome {
        await DocumentFence.$current.withValue(lease) {
            guard let queue = workspace.documentQueue else { return .lost }
            var run: BatchRun?
            do {
                let unsettled = try await queue.unsettledDocuments(inFamilyOf: lease.document)
                guard let first = unsettled.first else {
                    try await queue.finish(lease, error: nil, retryAfter: .zero)
                    return .settled(RunSummary(batch: ""))
                }
                var runner = try await runnerFor(first.batch)
                runner.configuration.stop = options.stop
                runner.configuration.worker = options
                let family = BatchRun(runner: runner, recognizer: recognizer, events: events, batch: first.batch)
                run = family
                let items = unsettled.map(family.workItem)
                if lease.attempt > options.maxAttempts {
                    try await giveUp(items, lease: lease, run: family)
                    return .settled(family.summary)
                }
                let channel = AsyncThrowingChannel<IngestResult, any Error>()
                let feeder = Task {
                    for item in items { await channel.send(.work(item)) }
                    channel.finish()
                }
                defer { feeder.cancel() }
                try await family.process(channel)
                try Task.checkCancellation()
                if try await workspace.documents.unsettledDocumentCount(inFamilyOf: lease.document) > 0 {
                    // Asked to stop halfway: another worker goes on from the committed pages.
                    try await queue.release(lease)
                    return .released(family.summary)
                }
                try await queue.finish(lease, error: nil, retryAfter: .zero)
                try await closeSettledBatches(family)
                return .settled(family.summary)
            } catch let error as ScanPipelineError where error.code == .leaseLost {
                return .lost
            } catch is CancellationError {
                return .lost
            } catch {
                if Task.isCancelled { return .lost }
                logger.error("document \(lease.document.prefix(8)), attempt \(lease.attempt): \(error)")
                try? await queue.finish(lease, error: "\(error)", retryAfter: options.retryDelay(afterAttempts: lease.attempt))
                return .failed(run?.summary)
            }
        }
    }

    /// The last attempt has failed: the family's unsettled documents go to quarantine with the
    /// last error, and a record folder a killed attempt renamed into place (never committed) goes.
    private func giveUp(_ items: [WorkItem], lease: DocumentLease, run: BatchRun) async throws {
        guard let queue = workspace.documentQueue else { return }
        let last = try await queue.lastError(of: lease.document)
            ?? "the worker working on it stopped without finishing (killed, frozen or cut off from the database)"
        for item in items {
            if try await workspace.documents.state(of: item.document)?.isSettled == true { continue }
            try? FileManager.default.removeItem(at: workspace.recordsFolder.appendingPathComponent(item.document, isDirectory: true))
            try await run.quarantine(item, error: ScanPipelineError(
                .attemptsExhausted, path: item.path, "\(lease.attempt - 1) attempts did not finish it; the last: \(last)"))
        }
        try await queue.finish(lease, error: nil, retryAfter: .zero)
        try await closeSettledBatches(run)
    }

    /// Closes the batches whose last document is settled now, and writes their Transfervermerke;
    /// the Transfervermerke under the workspace's claim, so two hosts do not write one twice.
    private func closeSettledBatches(_ run: BatchRun) async throws {
        try await run.closeBatches(currentOnlyWhenSettled: true)
        let key = options.sealKey
        let actor = actor
        do {
            _ = try await workspace.workQueue.holding(for: "transfervermerke") {
                try await workspace.writeMissingTransfervermerke(sealKey: key, actor: actor)
            }
        } catch let error as ScanPipelineError where error.code == .lockHeld {
            // Another host is writing them now.
        }
    }
}
