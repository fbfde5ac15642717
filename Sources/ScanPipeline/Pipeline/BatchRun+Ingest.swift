import Foundation
internal import GRDB

extension BatchRun {
    /// Hashes and registers one input file. Returns the work to do for it, or nil when it is a
    /// duplicate, already queued, or quarantined.
    func ingest(path: String, queued: Set<String>) async throws -> WorkItem? {
        let hashed: (hash: String, size: Int)
        do {
            hashed = try await BlockingWork.run { try Self.hash(path) }
        } catch let error as ScanPipelineError {
            try await quarantineUnregistered(path: path, sha256: nil, size: nil, error: error)
            return nil
        }
        let sha = hashed.hash
        let existing = try await database.read { db -> (id: String, state: String, batch: String)? in
            try Row.fetchOne(db, sql: "SELECT id, state, batch FROM document WHERE sourceFile = ?", arguments: [sha])
                .map { ($0["id"], $0["state"], $0["batch"]) }
        }
        if let (document, state, documentBatch) = existing {
            // An interrupted run's document, named again: it is being resumed, not duplicated.
            if queued.contains(sha), documentBatch != batch { return nil }
            let payload = RunAuditPayload.FileDuplicate(
                path: path, sha256: sha, existingDocument: document, existingState: state,
                reason: "a file with the same SHA-256 is already in the workspace; it is not filed again")
            let actor = runner.componentActor
            let batch = batch
            try await database.write { db in
                _ = try AuditTrail.append(db, actor: actor, action: "file.duplicate",
                                          subjects: AuditSubjects(batch: batch, file: sha, document: document), payload: payload)
            }
            summary.duplicates += 1
            await events(.duplicate(path: path, document: document))
            return nil
        }

        let inspector = inspector
        let source: SourceFile
        do {
            source = try await BlockingWork.run { try inspector.inspect(path: path) }
        } catch let error as ScanPipelineError {
            try await quarantineUnregistered(path: path, sha256: sha, size: hashed.size, error: error)
            return nil
        }
        let document = UUID().uuidString.lowercased()
        let item = WorkItem(document: document, sha256: sha, path: path, pageCount: source.pageCount,
                            state: .separated, batch: batch)
        let ingested = RunAuditPayload.FileIngested(
            path: path, sha256: sha, size: hashed.size, format: source.format.rawValue, pages: source.pageCount,
            textLayerPages: source.textLayerPageCount, warnings: source.warnings + source.pages.flatMap(\.warnings))
        let separated = RunAuditPayload.DocumentSeparated(rule: "one source file is one document", pages: source.pageCount)
        let actor = runner.componentActor
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
        return item
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
