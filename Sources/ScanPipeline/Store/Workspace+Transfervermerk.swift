public import Foundation

/// Transfervermerke: one per closed batch in `transfervermerke/`, as `<batch>.json` (for
/// machines), `<batch>.txt` (for people) and, with a seal key, `<batch>.seal.json`.
extension Workspace {
    public var transfervermerkFolder: URL { root.appendingPathComponent("transfervermerke", isDirectory: true) }

    struct TransfervermerkWritten: AuditPayload {
        static let actions: [AuditAction] = [.transfervermerkWritten]
        var file: String
        var sha256: String
        var sealedBy: String?
    }

    /// Writes the Transfervermerk of every closed batch that has none yet (after a kill, the next
    /// run catches up), sealed when `key` is given; returns the batches written.
    ///
    /// A Transfervermerk is never overwritten: when `<batch>.json` exists although the trail
    /// records none for the batch (its event was cut), that batch is refused with a
    /// `broken-trail` error once the others are written. The file may be the only anchor left.
    @discardableResult
    public func writeMissingTransfervermerke(sealKey key: SealKey?, actor: AuditActor) async throws -> [String] {
        let closed = try await transfervermerkFacts.batchesAwaitingTransfervermerk()
        var refused: [String] = []
        var written: [String] = []
        let folder = transfervermerkFolder
        for batch in closed {
            let existing = try await BlockingWork.run { () -> (note: Data, seal: Data?)? in
                guard let note = FileManager.default.contents(atPath: folder.appendingPathComponent("\(batch).json").path) else { return nil }
                return (note, FileManager.default.contents(atPath: folder.appendingPathComponent("\(batch).seal.json").path))
            }
            if let existing {
                let (data, sealData) = existing
                // Written before a kill stopped its event: the note still pins the trail as it is,
                // so its event is recorded for the file as it stands. Otherwise it is refused.
                guard try await pinsTheTrail(data) else { refused.append(batch); continue }
                let sealed = sealData.flatMap { try? JSONDecoder().decode(BatchSeal.self, from: $0) }
                let payload = TransfervermerkWritten(file: "transfervermerke/\(batch).json", sha256: data.sha256Hex,
                                                     sealedBy: sealed?.publicKey)
                try await auditLog.append(AuditEntry(actor: actor, subjects: AuditSubjects(batch: batch), payload: payload))
                written.append(batch)
                continue
            }
            let note = try await transfervermerk(batch: batch)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = try encoder.encode(note)
            let seal = try key.map { try BatchSeal(sealing: json, file: "\(batch).json", with: $0) }
            let sealJSON = try seal.map { try encoder.encode($0) }
            let text = Data(note.text.utf8)
            // Synced and renamed off the cooperative pool.
            try await BlockingWork.run {
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try AtomicWrite.write(json, to: folder.appendingPathComponent("\(batch).json"))
                    try AtomicWrite.write(text, to: folder.appendingPathComponent("\(batch).txt"))
                    if let sealJSON { try AtomicWrite.write(sealJSON, to: folder.appendingPathComponent("\(batch).seal.json")) }
                } catch let error as ScanPipelineError {
                    throw error
                } catch {
                    throw ScanPipelineError(.workspace, path: folder.path, "cannot write the Transfervermerk: \(error)")
                }
            }
            let payload = TransfervermerkWritten(file: "transfervermerke/\(batch).json", sha256: json.sha256Hex, sealedBy: seal?.publicKey)
            try await auditLog.append(AuditEntry(actor: actor, subjects: AuditSubjects(batch: batch), payload: payload))
            written.append(batch)
        }
        if !refused.isEmpty {
            throw ScanPipelineError(.brokenTrail, path: transfervermerkFolder.path, "the Transfervermerk of batch "
                                    + refused.joined(separator: ", ") + " exists, but the audit trail records none: it is never "
                                    + "overwritten (scanctl audit verify)")
        }
        return written
    }

    /// Whether a Transfervermerk's audit head is an event the trail has, with that hash.
    func pinsTheTrail(_ note: Data) async throws -> Bool {
        guard let head = (try? JSONDecoder().decode(Transfervermerk.self, from: note))?.auditHead else { return false }
        return try await auditLog.hash(ofEvent: head.sequence) == head.hash
    }

    /// Batches whose Transfervermerk was sealed, from the audit trail (a deleted seal file does not
    /// make a batch disappear from the check), and those with a seal file the trail does not
    /// record (its event was cut: the seal is then what tells).
    public func sealedBatches() async throws -> [String] {
        // In the order each batch was first recorded as sealed.
        var recorded: [String] = []
        for event in try await auditLog.events(AuditEventQuery(actions: [.transfervermerkWritten])) {
            guard let batch = event.batch, event.payload(as: TransfervermerkWritten.self)?.sealedBy != nil,
                  !recorded.contains(batch) else { continue }
            recorded.append(batch)
        }
        let folder = transfervermerkFolder
        let sealFiles = try await BlockingWork.run { (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] }
            .filter { $0.hasSuffix(".seal.json") }.map { String($0.dropLast(".seal.json".count)) }
            .filter { UUID(uuidString: $0) != nil }.sorted()
        return recorded + sealFiles.filter { !recorded.contains($0) }
    }

    /// Checks a batch's sealed Transfervermerk: the seal, the key (when `trusted` is given), and that
    /// the audit event it names still has the hash it recorded. Returns the problems (none: intact).
    public func verifySeal(batch: String, trusted: String? = nil) async throws -> [String] {
        guard UUID(uuidString: batch) != nil else { throw ScanPipelineError(.seal, "\(batch) is not a batch id") }
        let json = transfervermerkFolder.appendingPathComponent("\(batch).json")
        let sealFile = transfervermerkFolder.appendingPathComponent("\(batch).seal.json")
        let (noteFile, sealFileData) = try await BlockingWork.run {
            (FileManager.default.contents(atPath: json.path), FileManager.default.contents(atPath: sealFile.path))
        }
        guard let data = noteFile else {
            throw ScanPipelineError(.seal, path: json.path, "there is no Transfervermerk for batch \(batch)")
        }
        guard let sealData = sealFileData else {
            throw ScanPipelineError(.seal, path: sealFile.path, "the Transfervermerk of batch \(batch) is not sealed")
        }
        guard let seal = try? JSONDecoder().decode(BatchSeal.self, from: sealData) else {
            throw ScanPipelineError(.seal, path: sealFile.path, "is not a seal")
        }
        var problems: [String] = []
        // The trail says what was written and with which key: a note re-signed with another key,
        // or replaced wholesale, no longer matches it.
        let recorded = try await auditLog.events(AuditEventQuery(batch: batch, actions: [.transfervermerkWritten])).last?
            .payload(as: TransfervermerkWritten.self)
        if let recorded {
            if recorded.sha256 != data.sha256Hex { problems.append("\(json.lastPathComponent) differs from the one the audit trail recorded") }
            if let key = recorded.sealedBy, key != seal.publicKey { problems.append("the seal's key is not the one the audit trail recorded") }
        } else {
            problems.append("the audit trail records no Transfervermerk for batch \(batch): its transfervermerk.written event is gone")
        }
        if let problem = seal.problem(with: data, trusted: trusted ?? recorded?.sealedBy) { problems.append(problem) }
        if let note = try? JSONDecoder().decode(Transfervermerk.self, from: data) {
            // The hash first: a trail that grows in between is not taken for a cut one.
            let recorded = try await auditLog.hash(ofEvent: note.auditHead.sequence)
            let last = try await auditLog.head().sequence
            if recorded == nil && note.auditHead.sequence > last {
                problems.append("the audit trail was cut: the seal pins event \(note.auditHead.sequence), but the trail ends at event "
                                + "\(last) (events \(last + 1)…\(note.auditHead.sequence) are gone)")
            } else if recorded == nil {
                problems.append("the audit trail no longer has event \(note.auditHead.sequence), which the seal pins: the trail was cut")
            } else if recorded != note.auditHead.hash {
                problems.append("the audit trail no longer has event \(note.auditHead.sequence) with the sealed hash: it was rewritten")
            }
            let verification = try await verifyAuditTrail()
            if let broken = verification.firstBroken { problems.append("audit trail broken at event \(broken.sequence): \(broken.reason)") }
        } else {
            problems.append("\(json.lastPathComponent) is not a Transfervermerk")
        }
        return problems
    }

    /// Builds the note from the workspace's records of the batch.
    func transfervermerk(batch: String) async throws -> Transfervermerk {
        guard let facts = try await transfervermerkFacts.facts(ofBatch: batch) else {
            throw ScanPipelineError(.seal, "batch \(batch) is not in the workspace")
        }
        return Transfervermerk(facts)
    }
}

extension Transfervermerk {
    /// The note the facts make: counts, anomalies and the automatic quality checks.
    init(_ facts: TransfervermerkFacts) {
        let pages = facts.pages.map {
            PageImage(document: $0.document, page: $0.number, sha256: $0.imageSHA256, blank: $0.blank,
                      meanConfidence: $0.meanConfidence, separator: $0.separator, rescan: $0.rescan)
        }
        // Sheets reconciled: every page the scanner delivered is a page of a document or of a
        // quarantined file (released or retried since, or not), none lost in between.
        let scanned = facts.events.reduce(0) { $0 + ($1.payload(as: RunAuditPayload.FileIngested.self)?.pages ?? 0) }
        let opened = facts.events.lazy.compactMap { $0.payload(as: RunAuditPayload.BatchOpened.self) }.first
        let skipped = facts.events.compactMap { event -> SkippedInput? in
            guard let skip = event.payload(as: RunAuditPayload.FileSkipped.self), let code = SkippedInput.Code(rawValue: skip.code) else {
                return nil
            }
            return SkippedInput(path: skip.path, code: code, reason: skip.reason)
        }
        var anomalies = facts.events.filter { $0.knownAction.map(AuditAction.quarantines.contains) == true }.map { event -> Anomaly in
            let payload = event.payload(as: RunAuditPayload.Quarantined.self)
            return .init(kind: "quarantined", subject: payload?.path ?? event.document ?? event.file ?? "?",
                         detail: payload?.reason ?? "quarantined")
        }
        for page in pages where !page.blank {
            if let confidence = page.meanConfidence, confidence < Self.lowConfidence {
                anomalies.append(.init(kind: "low OCR confidence", subject: "\(page.document) page \(page.page)",
                                       detail: String(format: "mean confidence %.0f", confidence)))
            }
        }
        for page in pages {
            if let rescan = page.rescan, !rescan.isEmpty {
                anomalies.append(.init(kind: "flagged for rescan", subject: "\(page.document) page \(page.page)",
                                       detail: rescan.joined(separator: "; ")))
            }
        }
        var software = ["scanctl": facts.scanctlVersion ?? "", "engine": opened?.engine ?? ""]
        software["languages"] = opened?.languages
        software = software.filter { !$0.value.isEmpty }
        let states = facts.documentStates
        let count = { (state: DocumentState) in states.filter { $0 == state }.count }
        let counts = Counts(
            documents: states.count, filed: count(.filed) + count(.exported), needsReview: count(.needsReview),
            quarantined: count(.quarantined) + count(.released) + count(.retried), pages: pages.count,
            blankPagesLeftOut: pages.filter(\.blank).count, separatorSheets: pages.filter { $0.separator == true }.count,
            flaggedForRescan: pages.filter { !($0.rescan ?? []).isEmpty }.count,
            discarded: count(.discarded) > 0 ? count(.discarded) : nil)
        let inDocuments = facts.pagesOutsideQuarantinedFiles
        let inQuarantine = facts.quarantinedFilePages
        let checks = [
            QualityCheck.Check(check: "every input was processed (none quarantined, none skipped)",
                               passed: anomalies.allSatisfy { $0.kind != "quarantined" } && skipped.isEmpty),
            .init(check: String(format: "every page with text was recognised with mean confidence ≥ %.0f", Self.lowConfidence),
                  passed: anomalies.allSatisfy { $0.kind != "low OCR confidence" }),
            .init(check: "no page was flagged for rescan (resolution, OCR confidence, almost empty, skew)",
                  passed: anomalies.allSatisfy { $0.kind != "flagged for rescan" }),
            .init(check: "sheets reconciled: \(scanned) page(s) scanned = \(inDocuments) in documents "
                  + "(records, blank, separator sheets) + \(inQuarantine) in quarantined files",
                  passed: scanned == inDocuments + inQuarantine),
            .init(check: "every document reached a record or the review queue",
                  passed: states.allSatisfy { $0?.isSettled == true }),
        ]
        let batch = facts.batch
        self.init(
            batch: batch.id, operatorName: batch.operatorName, profile: batch.profile, schutzbedarf: batch.schutzbedarf,
            openedAt: batch.openedAt, closedAt: batch.closedAt, software: software, planVersion: batch.planVersion,
            counts: counts,
            qualityCheck: .init(result: checks.allSatisfy(\.passed) ? "passed" : "anomalies", checks: checks),
            anomalies: anomalies + skipped.map { .init(kind: "not processed", subject: $0.path, detail: "\($0.reason) [\($0.code.rawValue)]") },
            sourceFiles: facts.sourceFiles, skippedInputs: skipped.isEmpty ? nil : skipped, pageImages: pages,
            auditHead: .init(sequence: facts.head.sequence, hash: facts.head.hash))
    }
}
