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
        // A release whose supplement a kill stopped is completed here too.
        try await writeMissingNachtraege(sealKey: key, actor: actor)
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
        problems += try await nachtragSealProblems(batch: batch, trusted: trusted)
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

extension Workspace {
    /// The Transfervermerk written for a batch, by its id or a unique prefix of it; nil when none
    /// is written (yet).
    public func storedTransfervermerk(batch: String) async throws -> Transfervermerk? {
        let folder = transfervermerkFolder
        return try await BlockingWork.run {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".seal.json") && $0.hasPrefix(batch.lowercased()) }
            guard names.count <= 1 else {
                throw ScanPipelineError(.seal, "\(batch) names more than one batch: give more of its id")
            }
            guard let name = names.first, let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                return nil
            }
            do { return try JSONDecoder().decode(Transfervermerk.self, from: data) } catch {
                throw ScanPipelineError(.seal, path: folder.appendingPathComponent(name).path, "is not a Transfervermerk")
            }
        }
    }
}
