public import FilePlan
import AsyncAlgorithms
import Foundation
internal import GRDB
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
    public let configuration: RunConfiguration
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
        let lock = try WorkspaceLock(root: workspace.root)
        defer { withExtendedLifetime(lock) {} }
        // Nothing is added to a trail that does not verify, unless someone accepts that (audited).
        try await workspace.requireIntactTrail(accepting: configuration.acceptBrokenTrail ? .person(configuration.operatorName) : nil)
        // Records are PDF/A: without the output intent's profile no record could be written, so
        // the run must not start scanning.
        _ = try SRGBProfile.data()
        let started = ContinuousClock.now
        let pool = try await OCRWorkerPool(configuration: configuration.ocr, workers: configuration.workers, logger: logger)
        let run = BatchRun(runner: self, pool: pool, events: events)
        do {
            try await run.execute()
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        run.summary.seconds = (ContinuousClock.now - started).seconds
        run.summary.documents.sort { $0.source < $1.source }
        return run.summary
    }

    var componentActor: AuditActor { .component("scanctl", version: configuration.softwareVersion) }
    var engineActor: AuditActor { .component("tesseract", version: OCREngine.tesseractVersion) }
    var classifierActor: AuditActor { .component("classifier/\(classifier.name)", version: classifier.version) }
}

/// One document on its way through the run.
struct WorkItem: Sendable {
    var document: String
    var sha256: String
    var path: String
    var pageCount: Int
    var state: DocumentState
    var batch: String
    /// The document whose work folder holds the page files: itself, or the one it was split from.
    var workDocument: String
}

/// The state of one run, used by one task only.
final class BatchRun {
    let runner: BatchRunner
    let pool: OCRWorkerPool
    let events: @Sendable (RunEvent) async -> Void
    let batch = UUID().uuidString.lowercased()
    var summary: RunSummary
    var database: DatabasePool { runner.workspace.database }
    var inspector: SourceInspector { SourceInspector(configuration: runner.configuration.ocr.ingest) }
    var quarantine: QuarantineStore { QuarantineStore(folder: runner.workspace.quarantineFolder) }
    var workFolder: URL { runner.workspace.root.appendingPathComponent("work", isDirectory: true) }

    init(runner: BatchRunner, pool: OCRWorkerPool, events: @escaping @Sendable (RunEvent) async -> Void) {
        self.runner = runner
        self.pool = pool
        self.events = events
        self.summary = RunSummary(batch: batch)
    }

    /// Ingest runs as its own task and hands documents to OCR through a channel that holds one at a
    /// time, so ingest stays just ahead of recognition and memory does not grow with the batch.
    func execute() async throws {
        try removeLeftoversOfInterruptedWrites()
        try await openBatch()
        let resumed = try await documentsToResume()
        summary.resumed = resumed.count
        let inputs = try expandInputs()
        await events(.planned(documents: resumed.count + inputs.count))
        let channel = AsyncThrowingChannel<IngestResult, any Error>()
        let ingestor = Ingestor(database: database, inspector: inspector, quarantine: quarantine,
                                actor: runner.componentActor, batch: batch, operatorName: runner.configuration.operatorName,
                                retrying: runner.configuration.retrying, events: events)
        let resuming = Set(resumed.map(\.sha256))
        let producer = Task {
            do {
                for item in resumed { await channel.send(.work(item)) }
                for path in inputs {
                    try Task.checkCancellation()
                    await channel.send(try await ingestor.ingest(path: path, resuming: resuming))
                }
                channel.finish()
            } catch {
                channel.fail(error)
            }
        }
        defer { producer.cancel() }
        try await process(channel)
        let current = batch
        summary.retried = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = 'quarantine.retried' AND batch = ?",
                             arguments: [current]) ?? 0
        }
        try await closeBatches()
    }

    // MARK: Batch

    func openBatch() async throws {
        let configuration = runner.configuration
        let payload = RunAuditPayload.BatchOpened(
            operator: configuration.operatorName, profile: configuration.profile,
            schutzbedarf: configuration.schutzbedarf.rawValue, plan: runner.plan.id, planVersion: runner.plan.version,
            engine: "tesseract \(OCREngine.tesseractVersion)", languages: configuration.ocr.languages,
            workers: configuration.workers, inputs: configuration.inputs)
        let batch = batch
        let actor = AuditActor.person(configuration.operatorName)
        let now = AuditTrail.timestamp(Date())
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO batch (id, openedAt, operator, profile, schutzbedarf, planVersion) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [batch, now, configuration.operatorName, configuration.profile,
                                 configuration.schutzbedarf.rawValue, payload.planVersion])
            try AuditTrail.append(db, actor: actor, action: "batch.opened", subjects: AuditSubjects(batch: batch), payload: payload)
        }
    }

    /// Closes this batch, and earlier batches a kill left open once all their documents are settled.
    func closeBatches() async throws {
        let actor = runner.componentActor
        let settled = DocumentState.allCases.filter(\.isSettled).map(\.rawValue)
        let current = batch
        let duplicates = summary.duplicates
        try await database.write { db in
            let open = try String.fetchAll(db, sql: "SELECT id FROM batch WHERE closedAt IS NULL ORDER BY openedAt")
            for batch in open {
                let states = try String.fetchAll(db, sql: "SELECT state FROM document WHERE batch = ?", arguments: [batch])
                guard batch == current || states.allSatisfy(settled.contains) else { continue }
                // A batch is closed once: one the trail closed already (its row edited since) is left
                // as it is, for `audit verify` to report, never closed and noted a second time.
                let closed = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM auditEvent WHERE action = 'batch.closed' AND batch = ?)",
                                               arguments: [batch]) ?? false
                if closed { continue }
                let count = { (state: DocumentState) in states.filter { $0 == state.rawValue }.count }
                let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM auditEvent ORDER BY sequence DESC LIMIT 1")
                let payload = RunAuditPayload.BatchClosed(
                    documents: states.count, filed: count(.filed), needsReview: count(.needsReview),
                    quarantined: count(.quarantined), duplicates: batch == current ? duplicates : 0,
                    auditHead: .init(sequence: head?["sequence"] ?? 0, hash: head?["hash"] ?? AuditEvent.genesisHash))
                try db.execute(sql: "UPDATE batch SET closedAt = ? WHERE id = ?", arguments: [AuditTrail.timestamp(Date()), batch])
                try AuditTrail.append(db, actor: actor, action: "batch.closed", subjects: AuditSubjects(batch: batch), payload: payload)
            }
        }
    }

    /// Documents an interrupted run left unsettled, in the order they were ingested.
    func documentsToResume() async throws -> [WorkItem] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.sourceFile, d.pageCount, d.state, d.batch, d.parent, s.path FROM document d
                JOIN sourceFile s ON s.sha256 = d.sourceFile
                WHERE d.state NOT IN (\(DocumentState.settledSQLList)) ORDER BY d.rowid
                """).map { row in
                WorkItem(document: row["id"], sha256: row["sourceFile"], path: row["path"], pageCount: row["pageCount"],
                         state: DocumentState(rawValue: row["state"]) ?? .ingested, batch: row["batch"],
                         workDocument: row["parent"] ?? row["id"])
            }
        }
    }

    /// Partial record folders and page PDFs of a killed run: they were never committed, so they go.
    func removeLeftoversOfInterruptedWrites() throws {
        let fileManager = FileManager.default
        let records = runner.workspace.recordsFolder
        for name in (try? fileManager.contentsOfDirectory(atPath: records.path)) ?? [] where name.hasPrefix(".partial-") {
            try fileManager.removeItem(at: records.appendingPathComponent(name))
        }
        try fileManager.createDirectory(at: workFolder, withIntermediateDirectories: true)
    }

    /// Files named, and every regular file below named folders (hidden ones skipped), in order.
    func expandInputs() throws -> [String] {
        var paths: [String] = []
        let fileManager = FileManager.default
        for input in runner.configuration.inputs {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else {
                paths.append(input)
                continue
            }
            let folder = URL(fileURLWithPath: input)
            let enumerator = fileManager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                    options: [.skipsHiddenFiles])
            var found: [String] = []
            while let url = enumerator?.nextObject() as? URL {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { found.append(url.path) }
            }
            paths += found.sorted()
        }
        return paths
    }
}
