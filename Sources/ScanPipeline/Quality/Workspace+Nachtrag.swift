public import Foundation

/// The supplement (Nachtrag) to a batch's Transfervermerk, written at the release of its paper in
/// `transfervermerke/nachtraege/<batch>.json` (for machines), `.txt` (German, for people) and, with
/// a seal key, `.seal.json`.
extension Workspace {
    public var nachtragFolder: URL { transfervermerkFolder.appendingPathComponent("nachtraege", isDirectory: true) }

    struct NachtragWritten: AuditPayload {
        static let actions: [AuditAction] = [.transfervermerkNachtragWritten]
        var file: String
        var sha256: String
        var sealedBy: String?
        /// The Transfervermerk it completes.
        var transfervermerkSHA256: String
    }

    /// Writes the supplement of every batch whose paper was released and that has none yet (after
    /// a kill, the next command catches up); returns the batches written. A supplement on disk the
    /// trail records no event for is recorded as it stands when it still pins the trail, and is
    /// never overwritten.
    @discardableResult
    public func writeMissingNachtraege(sealKey key: SealKey?, actor: AuditActor) async throws -> [String] {
        let released = try await auditLog.events(AuditEventQuery(actions: [.qualityReleased])).compactMap(\.batch)
        let done = Set(try await auditLog.events(AuditEventQuery(actions: [.transfervermerkNachtragWritten])).compactMap(\.batch))
        var written: [String] = []
        for batch in released where !done.contains(batch) && !written.contains(batch) {
            if try await writeNachtrag(batch: batch, sealKey: key, actor: actor) { written.append(batch) }
        }
        return written
    }

    /// The problems of a batch's supplement, when it has one: changed since the trail recorded it,
    /// its seal broken or made with another key, the trail event it pins gone or rewritten.
    func nachtragSealProblems(batch: String, trusted: String?) async throws -> [String] {
        let folder = nachtragFolder
        let (data, sealData) = try await BlockingWork.run {
            (FileManager.default.contents(atPath: folder.appendingPathComponent("\(batch).json").path),
             FileManager.default.contents(atPath: folder.appendingPathComponent("\(batch).seal.json").path))
        }
        guard let data else { return [] }
        var problems: [String] = []
        let recorded = try await auditLog.events(AuditEventQuery(batch: batch, actions: [.transfervermerkNachtragWritten])).last?
            .payload(as: NachtragWritten.self)
        guard let recorded else {
            return ["the audit trail records no supplement for batch \(batch): its transfervermerk.nachtrag-written event is gone"]
        }
        if recorded.sha256 != data.sha256Hex { problems.append("the supplement differs from the one the audit trail recorded") }
        if let key = recorded.sealedBy {
            if let seal = sealData.flatMap({ try? JSONDecoder().decode(BatchSeal.self, from: $0) }) {
                if seal.publicKey != key { problems.append("the supplement's seal key is not the one the audit trail recorded") }
                if let problem = seal.problem(with: data, trusted: trusted ?? key) { problems.append("supplement: \(problem)") }
            } else {
                problems.append("the supplement was sealed, but its seal is gone or unreadable")
            }
        }
        if let nachtrag = try? JSONDecoder().decode(TransfervermerkNachtrag.self, from: data),
           try await auditLog.hash(ofEvent: nachtrag.auditHead.sequence) != nachtrag.auditHead.hash {
            problems.append("the audit trail no longer has event \(nachtrag.auditHead.sequence) with the hash the supplement pins")
        }
        return problems
    }

    /// The supplement written for a batch (its full id, as its Transfervermerk names it); nil when none is.
    public func storedNachtrag(batch: String) async throws -> TransfervermerkNachtrag? {
        let file = nachtragFolder.appendingPathComponent("\(batch).json")
        return try await BlockingWork.run {
            FileManager.default.contents(atPath: file.path).flatMap { try? JSONDecoder().decode(TransfervermerkNachtrag.self, from: $0) }
        }
    }

    /// Writes one supplement; false when the batch has no Transfervermerk yet (the supplement
    /// follows it: ``writeMissingTransfervermerke(sealKey:actor:)`` writes both in that order).
    private func writeNachtrag(batch: String, sealKey key: SealKey?, actor: AuditActor) async throws -> Bool {
        let folder = nachtragFolder
        let noteURL = transfervermerkFolder.appendingPathComponent("\(batch).json")
        let target = folder.appendingPathComponent("\(batch).json")
        let (note, existing) = try await BlockingWork.run {
            (FileManager.default.contents(atPath: noteURL.path), FileManager.default.contents(atPath: target.path))
        }
        guard let note else { return false }
        if let existing {
            // Written before a kill stopped its event: recorded as it stands if it pins the trail.
            guard let written = try? JSONDecoder().decode(TransfervermerkNachtrag.self, from: existing),
                  try await auditLog.hash(ofEvent: written.auditHead.sequence) == written.auditHead.hash else {
                throw ScanPipelineError(.brokenTrail, path: target.path, "the supplement of batch \(batch) exists, but the audit trail "
                                        + "records none and it does not pin the trail: it is never overwritten (scanctl audit verify)")
            }
            let sealed = try await BlockingWork.run { FileManager.default.contents(atPath: folder.appendingPathComponent("\(batch).seal.json").path) }
                .flatMap { try? JSONDecoder().decode(BatchSeal.self, from: $0) }
            try await auditLog.append(AuditEntry(actor: actor, subjects: AuditSubjects(batch: batch), payload: NachtragWritten(
                file: "transfervermerke/nachtraege/\(batch).json", sha256: existing.sha256Hex, sealedBy: sealed?.publicKey,
                transfervermerkSHA256: note.sha256Hex)))
            return true
        }
        let nachtrag = try await makeNachtrag(batch: batch, note: note)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(nachtrag)
        let seal = try key.map { try BatchSeal(sealing: json, file: "\(batch).json", with: $0) }
        let sealJSON = try seal.map { try encoder.encode($0) }
        let text = Data(nachtrag.text.utf8)
        try await BlockingWork.run {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                if let sealJSON { try AtomicWrite.write(sealJSON, to: folder.appendingPathComponent("\(batch).seal.json")) }
                try AtomicWrite.write(text, to: folder.appendingPathComponent("\(batch).txt"))
                // The JSON last: it is what says the supplement is there.
                try AtomicWrite.write(json, to: target)
            } catch let error as ScanPipelineError {
                throw error
            } catch {
                throw ScanPipelineError(.workspace, path: folder.path, "cannot write the supplement to the Transfervermerk: \(error)")
            }
        }
        try await auditLog.append(AuditEntry(actor: actor, subjects: AuditSubjects(batch: batch), payload: NachtragWritten(
            file: "transfervermerke/nachtraege/\(batch).json", sha256: json.sha256Hex, sealedBy: seal?.publicKey,
            transfervermerkSHA256: note.sha256Hex)))
        return true
    }

    /// The supplement's content: the sample checks, where each checked page lies on paper, the
    /// rescans of the batch's records and the trail's last event.
    private func makeNachtrag(batch: String, note: Data) async throws -> TransfervermerkNachtrag {
        let quality = try await qualityReport(batch: batch)
        var places: [TransfervermerkNachtrag.PagePlace] = []
        var metadataByDocument: [String: RecordMetadata] = [:]
        for check in quality.checks where !places.contains(where: { $0.reference == check.page.reference }) {
            let document = check.page.document
            if metadataByDocument[document] == nil { metadataByDocument[document] = try? await currentMetadata(document) }
            guard let metadata = metadataByDocument[document], let page = metadata.pages.first(where: { $0.number == check.page.page }) else {
                continue
            }
            let folder = (metadata.source.path as NSString).lastPathComponent
            places.append(.init(reference: check.page.reference,
                                file: page.file.map { "\(folder)/\($0)" } ?? folder, filePage: page.filePage ?? page.number,
                                aktenzeichen: metadata.akte?.aktenzeichen))
        }
        let noted = (try? JSONDecoder().decode(Transfervermerk.self, from: note))?.documents ?? []
        let batchDocuments = Set(noted.map(\.document))
        // What the release covers: every Akte or document with a record now (the note's states
        // are from the batch's close; a quarantined one retried since has its record elsewhere).
        var covered: [String] = []
        for document in noted {
            guard let state = try await self.documents.state(of: document.document), [.filed, .needsReview, .exported].contains(state) else { continue }
            let name = [document.aktenzeichen, document.title].compactMap { $0 }.joined(separator: " ")
            covered.append(name.isEmpty ? document.file : name)
        }
        var rescans: [TransfervermerkNachtrag.Rescan] = []
        for event in try await auditLog.events(AuditEventQuery(actions: [.documentRescanned, .rescanFlagAccepted])) {
            guard let document = event.document, batchDocuments.contains(document) else { continue }
            if let replaced = event.payload(as: RescanAuditPayload.Rescanned.self) {
                rescans.append(.init(kind: "replaced", document: document, pages: replaced.pages.map(\.number), by: replaced.by,
                                     at: event.time, reason: replaced.reason))
            } else if let accepted = event.payload(as: RescanAuditPayload.Accepted.self) {
                rescans.append(.init(kind: "accepted", document: document, pages: accepted.pages.map(\.number), by: accepted.by,
                                     at: event.time, reason: accepted.reason))
            }
        }
        let head = try await auditLog.head()
        return TransfervermerkNachtrag(
            batch: batch, transfervermerk: "transfervermerke/\(batch).json", transfervermerkSHA256: note.sha256Hex,
            writtenAt: AuditTrail.timestamp(Date()), quality: quality, places: places, rescans: rescans, covered: covered,
            auditHead: .init(sequence: head.sequence, hash: head.hash))
    }
}
