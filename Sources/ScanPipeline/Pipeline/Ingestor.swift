import Foundation
internal import GRDB

/// What ingesting one input file came to.
enum IngestResult: Sendable {
    /// A new document to recognise (or one of an interrupted run to resume).
    case work(WorkItem)
    /// Its content is already in the workspace.
    case duplicate(path: String, document: String)
    /// It was put aside.
    case quarantined(DocumentOutcome, ScanPipelineError)
    /// Named again while its document is being resumed: nothing to do.
    case skipped
}

/// The ingest stage: hashes a file, detects duplicates, reads its header and registers it as a
/// document, committing each with its audit events. Runs as its own task ahead of OCR.
struct Ingestor: Sendable {
    let database: DatabasePool
    let inspector: SourceInspector
    let quarantine: QuarantineStore
    let actor: AuditActor
    let batch: String

    /// Who runs the batch: a retry of a quarantined file is theirs.
    let operatorName: String
    /// Quarantined documents to retry, by the path of the file to run for each.
    let retrying: [String: String]
    /// Batches a kill left open: a file whose document one of them finished is not a duplicate.
    var interruptedBatches: Set<String> = []
    let events: @Sendable (RunEvent) async -> Void

    func ingest(_ file: InputFile, resuming: Set<String>) async throws -> IngestResult {
        let path = file.path
        let openPath = file.openPath
        let hashed: (hash: String, size: Int)
        do {
            hashed = try await BlockingWork.run { try Self.hash(openPath) }
        } catch var error as ScanPipelineError {
            error.path = path
            return try await quarantineUnregistered(file, sha256: nil, size: nil, error: error)
        }
        let sha = hashed.hash
        struct Existing: Sendable { var id: String; var state: DocumentState?; var batch: String; var note: String? }
        let existing = try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.state, d.batch, q.closedBy, q.closeReason, q.retriedAs FROM document d
                LEFT JOIN quarantine q ON q.document = d.id WHERE d.sourceFile = ? ORDER BY d.rowid
                """, arguments: [sha]).map { row in
                let closedBy: String? = row["closedBy"]
                let reason: String? = row["closeReason"]
                let retriedAs: String? = row["retriedAs"]
                return Existing(id: row["id"], state: DocumentState(rawValue: row["state"]), batch: row["batch"],
                                note: retriedAs.map { "it was retried as document \($0)" }
                                    ?? closedBy.map { "it was released from quarantine by \($0): \(reason ?? "")" })
            }
        }
        // The interrupted run's own file, named again, is resumed or done; a second copy of it (under
        // another name, or a hard link) is a duplicate like any other, and reported as one.
        let recordedPath = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT path FROM sourceFile WHERE sha256 = ?", arguments: [sha])
        }
        let sameFile = recordedPath == path
        // Settled (filed, or quarantined) by an interrupted run before the kill: done, neither a
        // duplicate nor a retry; the batch it belongs to is completed and counts it.
        if sameFile, !resuming.contains(sha), let earlier = existing.last(where: { interruptedBatches.contains($0.batch) }) {
            await events(.finishedBefore(path: path, document: earlier.id))
            return .skipped
        }
        // A file quarantined by an earlier batch is retried, not a duplicate; so is the file for a
        // retry asked for by name, whatever its content now.
        var retries = existing.filter { $0.state == .quarantined && $0.batch != self.batch }.map(\.id)
        if let asked = retrying[path], !retries.contains(asked) { retries.append(asked) }
        let live = existing.filter { !($0.state?.isQuarantine ?? false) }
        if !existing.isEmpty, !live.isEmpty || retries.isEmpty {
            let shown = live.first ?? existing[existing.count - 1]
            // An interrupted run's document, named again: it is being resumed, not duplicated.
            if resuming.contains(sha), shown.batch != self.batch, sameFile { return .skipped }
            let reason = switch (live.isEmpty, shown.state) {
            case (true, .released?):
                "a file with the same SHA-256 was quarantined and \(shown.note ?? "released"); it is not filed again "
                    + "(scanctl quarantine retry \(shown.id.prefix(8)) runs it anyway)"
            case (true, .retried?):
                "a file with the same SHA-256 was quarantined and \(shown.note ?? "retried"); it is not filed again"
            default:
                "a file with the same SHA-256 is already in the workspace; it is not filed again"
            }
            let payload = RunAuditPayload.FileDuplicate(
                path: path, sha256: sha, existingDocument: shown.id, existingState: shown.state?.rawValue ?? "",
                reason: reason)
            let actor = actor
            let batch = batch
            try await database.write { db in
                _ = try AuditTrail.append(db, actor: actor, action: .fileDuplicate,
                                          subjects: AuditSubjects(batch: batch, file: sha, document: shown.id), payload: payload)
            }
            if live.isEmpty, shown.state != .quarantined {
                await events(.quarantineClosed(path: path, document: shown.id, reason: reason))
            }
            return .duplicate(path: path, document: shown.id)
        }
        let closures = retries.map {
            Workspace.RetryClosure(document: $0, operatorName: operatorName,
                                   reason: retrying[path] == $0 ? "retried from quarantine (scanctl quarantine retry)"
                                       : "the file was given to scanctl run again")
        }
        if !closures.isEmpty { await events(.retrying(path: path, quarantined: retries)) }

        let inspector = inspector
        let source: SourceFile
        do {
            source = try await BlockingWork.run { try inspector.inspect(path: openPath) }
        } catch var error as ScanPipelineError {
            if error.path == openPath { error.path = path }
            return try await quarantineUnregistered(file, sha256: sha, size: hashed.size, error: error, closing: closures)
        }
        let document = UUID().uuidString.lowercased()
        let item = WorkItem(document: document, sha256: sha, path: path, openPath: openPath, pageCount: source.pageCount,
                            state: .separated, batch: batch, workDocument: document)
        let ingested = RunAuditPayload.FileIngested(
            path: path, sha256: sha, size: hashed.size, format: source.format.rawValue, pages: source.pageCount,
            textLayerPages: source.textLayerPageCount, warnings: source.warnings + source.pages.flatMap(\.warnings))
        let separated = RunAuditPayload.DocumentSeparated(
            rule: "the source file, until separator sheets split it after recognition", pages: source.pageCount)
        let actor = actor
        let batch = batch
        let now = AuditTrail.timestamp(Date())
        let fromCopy = isKeptCopy(path)
        try await database.write { db in
            try Self.registerSource(db, sha256: sha, batch: batch, path: path, size: hashed.size, format: source.format.rawValue, time: now)
            try db.execute(sql: """
                INSERT INTO document (id, batch, sourceFile, state, pageCount, updatedAt) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [document, batch, sha, DocumentState.separated.rawValue, source.pageCount, now])
            let subjects = AuditSubjects(batch: batch, file: sha, document: document)
            try AuditTrail.append(db, actor: actor, action: .fileIngested, subjects: subjects, payload: ingested)
            try AuditTrail.append(db, actor: actor, action: .documentSeparated, subjects: subjects, payload: separated)
            try Workspace.closeAsRetried(db, closures, successor: document, path: path, sha256: sha, fromCopy: fromCopy, batch: batch)
        }
        return .work(item)
    }

    /// Registers a source file; one seen before (quarantined, now retried) keeps its row, with the
    /// path it is read from now and what inspecting it found.
    static func registerSource(_ db: Database, sha256: String, batch: String, path: String, size: Int, format: String?,
                               time: String) throws {
        try db.execute(sql: """
            INSERT INTO sourceFile (sha256, batch, path, size, format, ingestedAt) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, size = excluded.size, format = excluded.format
            """, arguments: [sha256, batch, path, size, format, time])
    }

    /// Whether `path` is a copy kept in the quarantine folder (a retry whose original is gone).
    func isKeptCopy(_ path: String) -> Bool {
        quarantine.holds(path)
    }

    /// Puts aside a file that never became a document (unreadable, not a scan, damaged header).
    /// When its hash is known it is registered as a quarantined document, so that it can be listed,
    /// retried (by `scanctl quarantine retry`, or by a later run given the same file) or released;
    /// the same bad file named twice in one run is a duplicate. A retry that fails again closes the
    /// documents it retried (`closing`) in favour of the new one.
    func quarantineUnregistered(_ file: InputFile, sha256: String?, size: Int?, error: ScanPipelineError,
                                closing closures: [Workspace.RetryClosure] = []) async throws -> IngestResult {
        let path = file.path
        let now = AuditTrail.timestamp(Date())
        let quarantine = quarantine
        let batch = batch
        let kept = try await BlockingWork.run {
            if let problem = StorageFailure.problem(in: quarantine.folder) { throw problem }
            return try quarantine.keep(file, sha256: sha256, error: error, batch: batch, time: now)
        }
        let document = sha256 == nil ? nil : UUID().uuidString.lowercased()
        let payload = RunAuditPayload.Quarantined(path: path, sha256: sha256, code: error.code.rawValue,
                                                  reason: error.reason, storedAs: kept.storedAs)
        let actor = actor
        let fromCopy = isKeptCopy(path)
        try await database.write { db in
            if let sha256, let document, let size {
                try Self.registerSource(db, sha256: sha256, batch: batch, path: path, size: size, format: nil, time: now)
                try db.execute(sql: """
                    INSERT INTO document (id, batch, sourceFile, state, pageCount, problemCode, problem, updatedAt)
                    VALUES (?, ?, ?, ?, 0, ?, ?, ?)
                    """, arguments: [document, batch, sha256, DocumentState.quarantined.rawValue, error.code.rawValue,
                                     error.reason, now])
                try Workspace.recordQuarantine(db, document: document, path: path, kept: kept, time: now)
            }
            try AuditTrail.append(db, actor: actor, action: .fileQuarantined,
                                  subjects: AuditSubjects(batch: batch, file: sha256, document: document), payload: payload)
            if let sha256, let document {
                try Workspace.closeAsRetried(db, closures, successor: document, path: path, sha256: sha256, fromCopy: fromCopy, batch: batch)
            }
        }
        let outcome = DocumentOutcome(document: document ?? "", source: path, sha256: sha256, state: .quarantined,
                                      note: "\(error.reason) [\(error.code.rawValue)]", pages: 0, blankPages: 0)
        return .quarantined(outcome, error)
    }

    /// Hashes a file; a folder or a missing or unreadable file is an error naming the path.
    static func hash(_ path: String) throws -> (hash: String, size: Int) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScanPipelineError(.unreadableFile, path: path, "no such file")
        }
        if isDirectory.boolValue { throw ScanPipelineError(.unreadableFile, path: path, "is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ScanPipelineError(.unreadableFile, path: path, "permission denied")
        }
        return try FileHasher.sha256(path: path)
    }
}
