import Foundation

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
    let store: any DocumentStore
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
    /// On a shared store: where each ingested file is copied for the workers of every host.
    var sourceCopies: SourceCopies? = nil
    let events: @Sendable (RunEvent) async -> Void

    /// What inspecting a source found, for its registration.
    struct Inspected: Sendable {
        var format: String
        var pageCount: Int
        var textLayerPageCount: Int
        var warnings: [String]
        /// The scanner the file (or an Akte's files) name in their metadata.
        var device: String?
        /// An Akte's description with what inspecting its files found.
        var akte: DeliveryAkte?
    }

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
        let inspector = inspector
        return try await ingest(file, sha256: hashed.hash, size: hashed.size, resuming: resuming, akte: nil) {
            let source = try inspector.inspect(path: openPath)
            return Inspected(format: source.format.rawValue, pageCount: source.pageCount,
                             textLayerPageCount: source.textLayerPageCount,
                             warnings: source.warnings + source.pages.flatMap(\.warnings), device: source.device)
        }
    }

    /// Ingests an Akte of a delivery as one source: its files hashed and inspected, its identity
    /// the hash of their names and contents. A file that cannot be read puts the whole Akte aside,
    /// naming the file: an Akte is never filed with a page missing.
    func ingest(_ akte: DeliveryAkte, resuming: Set<String>) async throws -> IngestResult {
        let folder = InputFile(path: akte.path)
        // A file of the Akte that the walk could not read (each also named as skipped): the Akte
        // would be filed short, so it is put aside whole.
        if !akte.unreadable.isEmpty {
            let error = ScanPipelineError(.unreadableFile, path: akte.path, "\(akte.unreadable.count) of its files could not be read, "
                                          + "so the Akte would be incomplete: " + akte.unreadable.joined(separator: "; "))
            return try await quarantineUnregistered(folder, sha256: nil, size: nil, error: error)
        }
        var hashedAkte = akte
        for index in hashedAkte.members.indices {
            let member = hashedAkte.members[index]
            do {
                let (hash, size) = try await BlockingWork.run { try Self.hash(member.openPath) }
                hashedAkte.members[index].sha256 = hash
                hashedAkte.members[index].size = size
            } catch var error as ScanPipelineError {
                error.path = akte.path
                error.reason = "its file \(member.name): \(error.reason)"
                return try await quarantineUnregistered(folder, sha256: nil, size: nil, error: error,
                                                        keeping: InputFile(path: member.path, openPath: member.openPath))
            }
        }
        let hashed = hashedAkte
        let inspector = inspector
        let size = hashed.members.reduce(0) { $0 + ($1.size ?? 0) }
        return try await ingest(folder, sha256: hashed.identity, size: size, resuming: resuming, akte: hashed) {
            try inspector.inspect(akte: hashed)
        }
    }

    private func ingest(_ file: InputFile, sha256 sha: String, size: Int, resuming: Set<String>, akte: DeliveryAkte?,
                        inspect: @escaping @Sendable () throws -> Inspected) async throws -> IngestResult {
        do {
            return try await ingestOnce(file, sha256: sha, size: size, resuming: resuming, akte: akte, inspect: inspect)
        } catch let error as ScanPipelineError where error.code == .staleState {
            // A shared store refuses a second live document of one file: another host registered
            // it at the same moment. Decided again, it is a duplicate, as on a single host.
            return try await ingestOnce(file, sha256: sha, size: size, resuming: resuming, akte: akte, inspect: inspect)
        }
    }

    private func ingestOnce(_ file: InputFile, sha256 sha: String, size: Int, resuming: Set<String>, akte: DeliveryAkte?,
                            inspect: @escaping @Sendable () throws -> Inspected) async throws -> IngestResult {
        let path = file.path
        let hashed = (hash: sha, size: size)
        struct Existing: Sendable { var id: String; var state: DocumentState?; var batch: String; var note: String? }
        let existing = try await store.documents(fromSource: sha).map { document in
            Existing(id: document.id, state: document.state, batch: document.batch,
                     note: document.retriedAs.map { "it was retried as document \($0)" }
                         ?? document.closedBy.map { "it was released from quarantine by \($0): \(document.closeReason ?? "")" })
        }
        // The interrupted run's own file, named again, is resumed or done; a second copy of it (under
        // another name, or a hard link) is a duplicate like any other, and reported as one.
        let recordedPath = try await store.sourceFile(sha)?.path
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
                akte == nil ? "a file with the same SHA-256 is already in the workspace; it is not filed again"
                    : Self.duplicateAkteReason(akte, recorded: try await store.sourceFile(sha)?.akte)
            }
            let payload = RunAuditPayload.FileDuplicate(
                path: path, sha256: sha, existingDocument: shown.id, existingState: shown.state?.rawValue ?? "",
                reason: reason)
            try await store.recordEvents([AuditEntry(actor: actor, action: .fileDuplicate,
                                                           subjects: AuditSubjects(batch: batch, file: sha, document: shown.id),
                                                           payload: payload)])
            if live.isEmpty, shown.state != .quarantined {
                await events(.quarantineClosed(path: path, document: shown.id, reason: reason))
            }
            return .duplicate(path: path, document: shown.id)
        }
        let closures = retries.map {
            Workspace.RetryClosure(document: $0, operatorName: operatorName,
                                   reason: retrying[path] == $0 ? "retried from quarantine"
                                       : "the file was given to scanctl run again")
        }
        if !closures.isEmpty { await events(.retrying(path: path, quarantined: retries)) }

        let source: Inspected
        do {
            source = try await BlockingWork.run(inspect)
        } catch var error as ScanPipelineError {
            // An Akte's error names the file that failed: a copy of that file is kept.
            let member = akte?.members.first { $0.path == error.path }
            if error.path == file.openPath || member != nil { error.path = path }
            return try await quarantineUnregistered(file, sha256: sha, size: hashed.size, error: error, closing: closures,
                                                    keeping: member.map { InputFile(path: $0.path, openPath: $0.openPath) })
        }
        if let sourceCopies {
            // Copied before it is registered: a worker that claims the document finds its file.
            let copies: [(path: String, sha256: String)] = if let akte {
                akte.members.compactMap { member in member.sha256.map { (member.openPath, $0) } }
            } else {
                [(file.openPath, sha)]
            }
            do {
                try await BlockingWork.run { for copy in copies { try sourceCopies.keep(copy.path, sha256: copy.sha256) } }
            } catch var error as ScanPipelineError where error.code == .changedFile {
                error.path = path
                return try await quarantineUnregistered(file, sha256: sha, size: hashed.size, error: error, closing: closures)
            }
        }
        let document = UUID().uuidString.lowercased()
        // Registered and separated in one transaction: the source file is one document until
        // separator sheets split it after recognition.
        let registered = try NewDocument(id: document, batch: batch, sourceFile: sha, pageCount: source.pageCount,
                                         origin: .sourceFile, then: [.separated])
        let item = WorkItem(document: document, sha256: sha, path: path,
                            openPath: sourceCopies.map { $0.path(of: sha).path } ?? file.openPath, pageCount: source.pageCount,
                            state: registered.state, batch: batch, workDocument: document)
        let ingested = RunAuditPayload.FileIngested(
            path: path, sha256: sha, size: hashed.size, format: source.format, pages: source.pageCount,
            textLayerPages: source.textLayerPageCount, warnings: source.warnings, device: source.device,
            akte: source.akte.map(RunAuditPayload.AkteIngested.init))
        let separated = RunAuditPayload.DocumentSeparated(
            rule: akte == nil ? "the source file, until separator sheets split it after recognition"
                : "one Akte of the delivery (\(akte?.origin == .manifest ? "its manifest row" : "its folder")), never split",
            pages: source.pageCount)
        let subjects = AuditSubjects(batch: batch, file: sha, document: document)
        try await store.register(DocumentRegistration(
            source: SourceRegistration(sha256: sha, batch: batch, path: path, size: hashed.size, format: source.format,
                                       time: AuditTrail.timestamp(Date()), akte: source.akte),
            document: registered, quarantine: nil,
            events: [AuditEntry(actor: actor, action: .fileIngested, subjects: subjects, payload: ingested),
                     AuditEntry(actor: actor, action: .documentSeparated, subjects: subjects, payload: separated)],
            retries: Workspace.RetryRequest(closures: closures, successor: document, path: path, sha256: sha,
                                            fromCopy: isKeptCopy(path), batch: batch)))
        return .work(item)
    }

    /// Why an Akte is a duplicate, naming a changed description: the same files delivered with
    /// another Aktenzeichen or title are not filed again, and the difference is for a person to
    /// correct in review.
    static func duplicateAkteReason(_ akte: DeliveryAkte?, recorded: DeliveryAkte?) -> String {
        var reason = "an Akte with the same files is already in the workspace; it is not filed again"
        if let akte, let recorded {
            if akte.aktenzeichen != recorded.aktenzeichen {
                reason += "; the delivery now gives the Aktenzeichen \(akte.aktenzeichen ?? "–"), the record has "
                    + "\(recorded.aktenzeichen ?? "–"): correct it in review if the new one is right"
            } else if akte.title != recorded.title || akte.laufzeitBis != recorded.laufzeitBis {
                reason += "; the delivery now describes it differently (title or Laufzeit): correct the record in review if needed"
            }
        }
        return reason
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
    /// `keeping`: the file to keep a copy of, when it is not `file` itself (an Akte's bad file).
    func quarantineUnregistered(_ file: InputFile, sha256: String?, size: Int?, error: ScanPipelineError,
                                closing closures: [Workspace.RetryClosure] = [], keeping: InputFile? = nil) async throws -> IngestResult {
        let path = file.path
        let now = AuditTrail.timestamp(Date())
        let quarantine = quarantine
        let batch = batch
        let copied = keeping ?? file
        let kept = try await BlockingWork.run {
            if let problem = StorageFailure.problem(in: quarantine.folder) { throw problem }
            return try quarantine.keep(copied, sha256: keeping == nil ? sha256 : nil, error: error, batch: batch, time: now)
        }
        let document = sha256 == nil ? nil : UUID().uuidString.lowercased()
        let payload = RunAuditPayload.Quarantined(path: path, sha256: sha256, code: error.code.rawValue,
                                                  reason: error.reason, storedAs: kept.storedAs)
        var registration = DocumentRegistration(
            events: [AuditEntry(actor: actor, action: .fileQuarantined,
                                      subjects: AuditSubjects(batch: batch, file: sha256, document: document), payload: payload)])
        // With its hash known it is a quarantined document; the closures need one to name.
        if let sha256, let document, let size {
            registration.source = SourceRegistration(sha256: sha256, batch: batch, path: path, size: size, format: nil, time: now)
            registration.document = try NewDocument(id: document, batch: batch, sourceFile: sha256, pageCount: 0,
                                                    origin: .unreadableFile, problemCode: error.code.rawValue,
                                                    problem: error.reason)
            registration.quarantine = QuarantineCopy(document: document, path: path, storedAs: kept.storedAs,
                                                     reasonFile: kept.reasonFile, time: now)
            registration.retries = Workspace.RetryRequest(closures: closures, successor: document, path: path, sha256: sha256,
                                                          fromCopy: isKeptCopy(path), batch: batch)
        }
        try await store.register(registration)
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
