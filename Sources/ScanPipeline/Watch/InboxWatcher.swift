public import FilePlan
public import Foundation
public import Logging

/// `scanctl watch`: one hot folder, run unattended. It lists the folder every `pollSeconds`, takes
/// the files that are complete (``FileSettling``) as one batch through the same wiring as
/// `scanctl run`, and only after the batch has committed moves each file into `done/DATE/` (it
/// reached a record, the review queue, or was already in the workspace) or `failed/DATE/` (it was
/// quarantined or could not be processed); a file is never deleted. A kill at any point leaves the
/// files not yet moved in the folder: the next start completes what was committed and reports the
/// rest as duplicates of itself, so every file is handled once.
public struct InboxWatcher: Sendable {
    public let inbox: InboxSettings
    let workspace: Workspace
    let plan: FilePlan
    let setup: RunSetup.Request
    let sealKey: SealKey?
    let mailer: SMTPMailer?
    let monitor: WatchMonitor
    /// Shared by the watchers of a process, and by whatever else there runs batches (serve's retries).
    public let gate: WatchRunGate
    let logger: Logger
    /// Told of every batch, once its files are moved (`scanctl watch --json` prints it).
    let onBatch: @Sendable (WatchBatch) -> Void

    /// `setup` gives the options every batch runs with (workers, OCR, thresholds, version); its
    /// inputs, profile, operator and protection need come from `inbox`.
    public init(inbox: InboxSettings, workspace: Workspace, plan: FilePlan, setup: RunSetup.Request, sealKey: SealKey?,
                mailer: SMTPMailer?, monitor: WatchMonitor, gate: WatchRunGate, logger: Logger,
                onBatch: @escaping @Sendable (WatchBatch) -> Void = { _ in }) {
        self.inbox = inbox
        self.workspace = workspace
        self.plan = plan
        self.setup = setup
        self.sealKey = sealKey
        self.mailer = mailer
        self.monitor = monitor
        self.gate = gate
        self.logger = logger
        self.onBatch = onBatch
    }

    /// Watches until `stop` is requested; a batch in progress then stops at its next page and the
    /// watcher returns. Throws only when the folder cannot be watched at all.
    public func run(until stop: RunStop) async throws {
        try await prepareFolders()
        let folder = inbox.folder.path
        var settling = FileSettling(settings: .init(settleSeconds: inbox.settleSeconds, quietSeconds: inbox.quietSeconds,
                                                    maximumWaitSeconds: inbox.maximumWaitSeconds, readyMarker: inbox.readyMarker))
        var pause = 0.0
        if try await workspace.unsettledDocumentCount() > 0 {
            // What a killed run left unfinished is completed before anything new.
            logger.info("completing the documents an interrupted run left unfinished")
            pause = await runBatch([], observed: [:], settling: &settling, stop: stop)
        }
        while !stop.isRequested {
            if pause > 0 {
                await Self.sleep(pause, unless: stop)
                pause = 0
                continue
            }
            let entries: [FileSettling.Entry]
            do {
                entries = try await Self.list(inbox.folder)
            } catch {
                monitor.failed("cannot list \(folder): \(error)")
                logger.error("cannot list \(folder): \(error)")
                pause = 10
                continue
            }
            let decision = settling.observe(entries, now: Date())
            let waiting = entries.filter { !FileSettling.isTemporary($0.name) }.count
            monitor.update(folder) { status in
                status.lastPoll = Date()
                status.waiting = waiting
            }
            if case .batch(let names) = decision {
                let observed = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                pause = await runBatch(names, observed: observed, settling: &settling, stop: stop)
            }
            if pause == 0 { await Self.sleep(inbox.pollSeconds, unless: stop) }
        }
    }

    // MARK: One batch

    /// What became of one input file.
    enum FileOutcome: Equatable {
        /// Reached a record or the review queue, or was in the workspace already.
        case done
        /// Quarantined, or not processed.
        case failed
        /// Not taken up (the run stopped first): stays in the folder.
        case untouched
    }

    /// Runs `names` as one batch, moves what was handled, notifies. Returns how long to wait before
    /// the next look (after a failure, so that a busy or broken workspace is not hammered).
    private func runBatch(_ names: [String], observed: [String: FileSettling.Entry], settling: inout FileSettling,
                          stop: RunStop) async -> Double {
        let folder = inbox.folder.resolvingSymlinksInPath()
        let paths = names.map { folder.appendingPathComponent($0).path }
        var request = setup
        request.inputs = paths
        request.operatorName = inbox.operatorName
        request.profile = inbox.profile ?? request.profile
        request.schutzbedarf = inbox.schutzbedarf ?? request.schutzbedarf
        request.stop = stop
        let events = RunEventLog()
        monitor.update(inbox.folder.path) { $0.running = true }
        defer { monitor.update(inbox.folder.path) { $0.running = false } }
        let summary: RunSummary
        do {
            summary = try await gate.run { [workspace, plan, logger, sealKey, request] in
                let setup = try await RunSetup.make(request, workspace: workspace, plan: plan)
                let summary = try await setup.runner(workspace: workspace, logger: logger).run { await events.record($0) }
                try await workspace.writeMissingTransfervermerke(sealKey: sealKey,
                                                                 actor: .component("scanctl", version: request.softwareVersion))
                return summary
            }
        } catch {
            let message = (error as? ScanPipelineError)?.description ?? "\(error)"
            monitor.failed(message)
            logger.error("batch of \(names.count) file(s) from \(inbox.folder.path) did not run: \(message); the files stay")
            return (error as? ScanPipelineError)?.code == .lockHeld ? 5 : 30
        }
        if summary.empty { return 0 }
        let outcomes = await events.outcomes(summary: summary)
        var moved = (done: 0, failed: 0)
        var files: [WatchBatch.File] = []
        for name in names {
            let path = folder.appendingPathComponent(name).path
            let outcome = outcomes[path] ?? .untouched
            guard outcome != .untouched, let entry = observed[name] else {
                files.append(.init(name: name, outcome: "waiting", movedTo: nil))
                continue
            }
            do {
                if let target = try await file(name, as: outcome, observed: entry) {
                    if outcome == .done { moved.done += 1 } else { moved.failed += 1 }
                    files.append(.init(name: name, outcome: outcome == .done ? "done" : "failed", movedTo: target.path))
                } else {
                    files.append(.init(name: name, outcome: "changed", movedTo: nil))
                }
            } catch {
                settling.setAside(entry)
                monitor.failed("cannot move \(path): \(error)")
                logger.error("\(path) was handled (\(outcome)) but cannot be moved away: \(error); it is not taken again as it is")
            }
        }
        let counts = summary.documents.reduce(into: [String: Int]()) { $0[$1.state.rawValue, default: 0] += 1 }
        monitor.update(inbox.folder.path) { status in
            status.batches += 1
            status.filesDone += moved.done
            status.filesFailed += moved.failed
            status.pages += summary.pages
            for (state, count) in counts { status.documents[state, default: 0] += count }
            status.documents["duplicate", default: 0] += summary.duplicates
            if summary.pages > 0 { status.lastBatchPagesPerSecond = summary.pagesPerSecond }
        }
        let line = "batch \(summary.batch.prefix(8)): \(summary.filed) filed, \(summary.needsReview) in review, "
            + "\(summary.quarantined) quarantined, \(summary.duplicates) duplicate(s); moved \(moved.done) to done, \(moved.failed) to failed"
        logger.info("\(line)")
        onBatch(WatchBatch(inbox: inbox.folder.path, summary: summary, files: files))
        await notify(summary)
        return 0
    }

    /// Moves a handled file (and its `.ready` marker) to its day's folder, unless it changed after
    /// it was taken (then it is a new file and stays). Returns where it went; nil when it stayed.
    private func file(_ name: String, as outcome: FileOutcome, observed: FileSettling.Entry) async throws -> URL? {
        let source = inbox.folder.appendingPathComponent(name)
        let day = Self.day.string(from: Date())
        let target = (outcome == .done ? inbox.doneFolder : inbox.failedFolder).appendingPathComponent(day, isDirectory: true)
        return try await BlockingWork.run {
            let fileManager = FileManager.default
            guard Self.entry(source, name: name) == observed else { return nil }
            try fileManager.createDirectory(at: target, withIntermediateDirectories: true)
            let destination = Self.free(target.appendingPathComponent(name))
            try fileManager.moveItem(at: source, to: destination)
            let marker = source.appendingPathExtension("ready")
            if fileManager.fileExists(atPath: marker.path) {
                try? fileManager.moveItem(at: marker, to: Self.free(target.appendingPathComponent(name + FileSettling.markerSuffix)))
            }
            return destination
        }
    }

    private func notify(_ summary: RunSummary) async {
        guard let mailer else { return }
        let quarantined = summary.documents.filter { $0.state == .quarantined }.map { outcome in
            BatchNotice.File(name: (outcome.source as NSString).lastPathComponent, reason: outcome.note ?? "")
        }
        let rescan = (try? await workspace.reportFacts.batchOverview(limit: 20))?.batches.first { $0.id == summary.batch }?.rescanPages ?? 0
        let unfinished = summary.stopped ? ((try? await workspace.unsettledDocumentCount()) ?? 0) : 0
        let notice = BatchNotice(batch: summary.batch, inbox: inbox.folder.path, quarantined: quarantined, rescanPages: rescan,
                                 unfinished: unfinished, filed: summary.filed, inReview: summary.needsReview)
        guard notice.isWorthSending else { return }
        do {
            try await mailer.send(notice)
            monitor.notified(true)
        } catch {
            monitor.notified(false)
            monitor.failed("notification for batch \(summary.batch.prefix(8)) not sent: \(error)")
            logger.error("notification for batch \(summary.batch.prefix(8)) not sent: \(error)")
        }
    }

    // MARK: The folder

    private func prepareFolders() async throws {
        let inbox = inbox
        try await BlockingWork.run {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: inbox.folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw ScanPipelineError(.watch, path: inbox.folder.path, "the inbox is not a folder")
            }
            for folder in [inbox.doneFolder, inbox.failedFolder] {
                do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                    throw ScanPipelineError(.watch, path: folder.path, "cannot create the folder for handled files: \(error)")
                }
                guard FileManager.default.isWritableFile(atPath: folder.path) else {
                    throw ScanPipelineError(.watch, path: folder.path, "the folder for handled files is not writable")
                }
            }
        }
    }

    /// The regular files at the top of the folder (subfolders, links and devices are not inputs).
    static func list(_ folder: URL) async throws -> [FileSettling.Entry] {
        try await BlockingWork.run {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).compactMap { name in
                entry(folder.appendingPathComponent(name), name: name)
            }
        }
    }

    /// A regular file's size and modification time (nanoseconds, as the file system keeps them).
    static func entry(_ url: URL, name: String) -> FileSettling.Entry? {
        var info = stat()
        guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
        return FileSettling.Entry(name: name, size: Int64(info.st_size), modified: modified)
    }

    /// `name`, or `name-2`, `name-3`… before the extension when it is taken.
    static func free(_ url: URL) -> URL {
        guard FileManager.default.fileExists(atPath: url.path) else { return url }
        let base = url.deletingPathExtension().lastPathComponent
        let ext = url.pathExtension
        for number in 2... {
            let candidate = url.deletingLastPathComponent().appendingPathComponent("\(base)-\(number)" + (ext.isEmpty ? "" : ".\(ext)"))
            if !FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return url
    }

    static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()

    /// Sleeps `seconds`, waking early when a stop is requested.
    static func sleep(_ seconds: Double, unless stop: RunStop) async {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !stop.isRequested, ContinuousClock.now < deadline {
            try? await Task.sleep(for: min(.milliseconds(100), deadline - ContinuousClock.now))
        }
    }
}

/// The events of one run that say what became of each input path.
actor RunEventLog {
    private var settled: [String: [DocumentState]] = [:]
    private var handled: Set<String> = []

    func record(_ event: RunEvent) {
        switch event {
        case .settled(let outcome): settled[outcome.source, default: []].append(outcome.state)
        case .duplicate(let path, _), .finishedBefore(let path, _): handled.insert(path)
        case .quarantined(let path, _): settled[path, default: []].append(.quarantined)
        default: break
        }
    }

    /// Each path's outcome: done when any document of it reached a record or the queue, or it was a
    /// duplicate; failed when it was quarantined or skipped.
    func outcomes(summary: RunSummary) -> [String: InboxWatcher.FileOutcome] {
        var outcomes: [String: InboxWatcher.FileOutcome] = [:]
        for path in handled { outcomes[path] = .done }
        for (path, states) in settled where outcomes[path] == nil {
            outcomes[path] = states.contains { $0 != .quarantined } ? .done : .failed
        }
        for skipped in summary.skipped where outcomes[skipped.path] == nil { outcomes[skipped.path] = .failed }
        return outcomes
    }
}
