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

    func ingest(path: String, resuming: Set<String>) async throws -> IngestResult {
        let hashed: (hash: String, size: Int)
        do {
            hashed = try await BlockingWork.run { try Self.hash(path) }
        } catch let error as ScanPipelineError {
            return try await quarantineUnregistered(path: path, sha256: nil, size: nil, error: error)
        }
        let sha = hashed.hash
        let existing = try await database.read { db -> (id: String, state: String, batch: String)? in
            try Row.fetchOne(db, sql: "SELECT id, state, batch FROM document WHERE sourceFile = ?", arguments: [sha])
                .map { ($0["id"], $0["state"], $0["batch"]) }
        }
        if let (document, state, documentBatch) = existing {
            // An interrupted run's document, named again: it is being resumed, not duplicated.
            if resuming.contains(sha), documentBatch != batch { return .skipped }
            let payload = RunAuditPayload.FileDuplicate(
                path: path, sha256: sha, existingDocument: document, existingState: state,
                reason: "a file with the same SHA-256 is already in the workspace; it is not filed again")
            let actor = actor
            let batch = batch
            try await database.write { db in
                _ = try AuditTrail.append(db, actor: actor, action: "file.duplicate",
                                          subjects: AuditSubjects(batch: batch, file: sha, document: document), payload: payload)
            }
            return .duplicate(path: path, document: document)
        }

        let inspector = inspector
        let source: SourceFile
        do {
            source = try await BlockingWork.run { try inspector.inspect(path: path) }
        } catch let error as ScanPipelineError {
            return try await quarantineUnregistered(path: path, sha256: sha, size: hashed.size, error: error)
        }
        let document = UUID().uuidString.lowercased()
        let item = WorkItem(document: document, sha256: sha, path: path, pageCount: source.pageCount,
                            state: .separated, batch: batch, workDocument: document)
        let ingested = RunAuditPayload.FileIngested(
            path: path, sha256: sha, size: hashed.size, format: source.format.rawValue, pages: source.pageCount,
            textLayerPages: source.textLayerPageCount, warnings: source.warnings + source.pages.flatMap(\.warnings))
        let separated = RunAuditPayload.DocumentSeparated(
            rule: "the source file, until separator sheets split it after recognition", pages: source.pageCount)
        let actor = actor
        let batch = batch
        let now = AuditTrail.timestamp(Date())
        try await database.write { db in
            try db.execute(sql: "INSERT INTO sourceFile (sha256, batch, path, size, format, ingestedAt) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [sha, batch, path, hashed.size, source.format.rawValue, now])
            try db.execute(sql: """
                INSERT INTO document (id, batch, sourceFile, state, pageCount, updatedAt) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [document, batch, sha, DocumentState.separated.rawValue, source.pageCount, now])
            let subjects = AuditSubjects(batch: batch, file: sha, document: document)
            try AuditTrail.append(db, actor: actor, action: "file.ingested", subjects: subjects, payload: ingested)
            try AuditTrail.append(db, actor: actor, action: "document.separated", subjects: subjects, payload: separated)
        }
        return .work(item)
    }

    /// Puts aside a file that never became a document (unreadable, not a scan, damaged header).
    /// When its hash is known it is registered as a quarantined document, so that the same bad file
    /// given again is reported as a duplicate rather than quarantined twice.
    func quarantineUnregistered(path: String, sha256: String?, size: Int?, error: ScanPipelineError) async throws -> IngestResult {
        let now = AuditTrail.timestamp(Date())
        let quarantine = quarantine
        let batch = batch
        let stored = try await BlockingWork.run {
            try quarantine.keep(path: path, sha256: sha256, error: error, batch: batch, time: now)
        }
        let document = sha256 == nil ? nil : UUID().uuidString.lowercased()
        let payload = RunAuditPayload.Quarantined(path: path, sha256: sha256, code: error.code.rawValue,
                                                  reason: error.reason, storedAs: stored)
        let actor = actor
        try await database.write { db in
            if let sha256, let document, let size {
                try db.execute(sql: "INSERT INTO sourceFile (sha256, batch, path, size, format, ingestedAt) VALUES (?, ?, ?, ?, NULL, ?)",
                               arguments: [sha256, batch, path, size, now])
                try db.execute(sql: """
                    INSERT INTO document (id, batch, sourceFile, state, pageCount, problemCode, problem, updatedAt)
                    VALUES (?, ?, ?, ?, 0, ?, ?, ?)
                    """, arguments: [document, batch, sha256, DocumentState.quarantined.rawValue, error.code.rawValue,
                                     error.reason, now])
            }
            try AuditTrail.append(db, actor: actor, action: "file.quarantined",
                                  subjects: AuditSubjects(batch: batch, file: sha256, document: document), payload: payload)
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
