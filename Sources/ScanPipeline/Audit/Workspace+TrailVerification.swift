import Foundation

/// `scanctl audit verify`: a bare hash chain proves only that its events fit together, so its end
/// is checked against anchors outside the database (the head file, every Transfervermerk), the
/// tables against the trail, and the triggers that make it append-only. Commands that write
/// (run, export) refuse a workspace whose trail does not verify, unless told to accept it.
extension Workspace {
    /// Checks the chain, every anchor, the tables against the trail and the triggers; with
    /// `records`, also every record file. Every problem found is named.
    public func verifyTrail(records: Bool = false) async throws -> TrailVerification {
        let notesFolder = transfervermerkFolder
        let headFile = auditHeadFile
        // The files first, then the store's snapshot: an anchor written after it was read is then
        // no later than the snapshot, so a write in between is not taken for a cut trail.
        let (head, notes) = try await BlockingWork.run { (Self.readHeadFile(headFile), Self.readTransfervermerke(in: notesFolder)) }
        var anchors = Set(notes.compactMap { $0.note?.auditHead.sequence })
        if case .found(let file) = head { anchors.insert(file.sequence) }
        let evidence = try await auditLog.trailEvidence(anchoredAt: anchors)
        let chain = evidence.chain
        var verification = TrailVerification(
            events: chain.events, lastSequence: evidence.head.sequence, lastHash: evidence.head.hash,
            firstBroken: chain.firstBroken, anchorsChecked: 0, recordFilesChecked: nil, problems: [])
        if let broken = chain.firstBroken {
            verification.problems.append(.init(.chain, "the chain breaks at event \(broken.sequence): \(broken.reason)"))
        }
        verification.problems += Self.headFileProblems(head, file: headFile, evidence: evidence)
        verification.anchorsChecked += 1
        verification.problems += Self.transfervermerkProblems(notes, evidence: evidence)
        verification.anchorsChecked += notes.count
        let closed = Self.batchClosedProblems(evidence)
        verification.problems += closed.problems
        verification.anchorsChecked += closed.checked
        verification.problems += evidence.inconsistencies.map { TrailVerification.Problem(.table, $0.message) }
        verification.problems += Self.triggerProblems(evidence)
        if records {
            let (findings, checked) = try await allRecordFindings()
            verification.recordFilesChecked = checked
            verification.problems += findings.map { finding in
                let kind: TrailVerification.Problem.Kind = switch finding.problem {
                case .missing: .recordMissing
                case .changed, .unrecorded: .recordChanged
                case .unexpected: .recordUnexpected
                }
                return .init(kind, finding.message)
            }
        }
        return verification
    }

    /// Refuses to go on when the trail does not verify (a `broken-trail` error naming the
    /// problems), unless `accepting` names who accepts it: then the acceptance is audited
    /// (`audit.broken-trail-accepted`, with every problem) and the work goes on. Called by every
    /// command that writes to the workspace: run, export, the server.
    @discardableResult
    public func requireIntactTrail(accepting actor: AuditActor? = nil) async throws -> TrailVerification {
        let verification = try await verifyTrail()
        guard !verification.isIntact else { return verification }
        guard let actor else {
            throw ScanPipelineError(.brokenTrail, path: root.path, "the audit trail does not verify, so nothing is written to this "
                                    + "workspace: \(verification.summary()) (scanctl audit verify names every problem; "
                                    + "--accept-broken-trail goes on and records that you did)")
        }
        struct Accepted: AuditPayload {
            static let actions: [AuditAction] = [.brokenTrailAccepted]
            var problems: [TrailVerification.Problem]
            var acceptedBy: String
            var lastSequence: Int64
        }
        let payload = Accepted(problems: verification.problems, acceptedBy: actor.name, lastSequence: verification.lastSequence)
        try await auditLog.append(AuditEntry(actor: actor, action: .brokenTrailAccepted, payload: payload))
        return verification
    }

    /// What the head file holds, read before the store's snapshot.
    private enum HeadFileReading {
        case found(AuditHeadFile)
        case missing
        case unreadable(ScanPipelineError)
    }

    private static func readHeadFile(_ file: URL) -> HeadFileReading {
        do { return try AuditHeadFile.read(from: file).map(HeadFileReading.found) ?? .missing } catch let error as ScanPipelineError {
            return .unreadable(error)
        } catch {
            return .unreadable(ScanPipelineError(.brokenTrail, path: file.path, "cannot be read: \(error)"))
        }
    }

    /// One file `<batch>.json` of the Transfervermerk folder, with its bytes and the note they hold.
    private struct NoteFile {
        var name: String
        var data: Data?
        var note: Transfervermerk?
        var batch: String { String(name.dropLast(".json".count)) }
        var path: String { "transfervermerke/\(name)" }
    }

    private static func readTransfervermerke(in folder: URL) -> [NoteFile] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".seal.json") && !$0.hasPrefix(".") }.sorted()
            .map { name in
                let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                return NoteFile(name: name, data: data, note: data.flatMap { try? JSONDecoder().decode(Transfervermerk.self, from: $0) })
            }
    }

    /// The head file must name an event the trail has, with the hash it has; it may lag behind the
    /// trail's end (a crash between commit and rewrite), never run ahead of it.
    private static func headFileProblems(_ reading: HeadFileReading, file: URL, evidence: TrailEvidence) -> [TrailVerification.Problem] {
        switch reading {
        case .unreadable(let error):
            return [.init(.headFile, "\(file.lastPathComponent) \(error.reason)")]
        case .missing:
            return [.init(.headFile, "\(file.lastPathComponent) is missing: the trail's end cannot be checked against it")]
        case .found(let head):
            guard let problem = anchorProblem(sequence: head.sequence, hash: head.hash, evidence: evidence, anchor: file.lastPathComponent) else {
                return []
            }
            return [.init(.headFile, problem)]
        }
    }

    /// Why an anchor that recorded event `sequence` with `hash` no longer fits the trail, or nil.
    private static func anchorProblem(sequence: Int64, hash: String, evidence: TrailEvidence, anchor: String) -> String? {
        let last = evidence.head.sequence
        if sequence == 0 { return hash == AuditEvent.genesisHash ? nil : "\(anchor) names event 0 with a hash other than the genesis hash" }
        guard let recorded = evidence.anchoredHashes[sequence] else {
            return sequence > last
                ? "\(anchor) records event \(sequence), but the trail ends at event \(last): the trail was cut (events \(last + 1)…\(sequence) are gone)"
                : "\(anchor) records event \(sequence), which the trail no longer has: the trail was cut"
        }
        return recorded == hash ? nil
            : "\(anchor) records event \(sequence) with hash \(hash.prefix(12))…, the trail has \(recorded.prefix(12))…: "
              + "the trail was rewritten at or before event \(sequence)"
    }

    /// Every Transfervermerk in the folder against the trail, and every one the trail recorded against the folder.
    private static func transfervermerkProblems(_ notes: [NoteFile], evidence: TrailEvidence) -> [TrailVerification.Problem] {
        var problems: [TrailVerification.Problem] = []
        var recorded: [String: TransfervermerkWritten] = [:]
        for event in evidence.transfervermerkWritten {
            if let batch = event.batch, let written = event.payload(as: TransfervermerkWritten.self) { recorded[batch] = written }
        }
        for file in notes {
            guard let data = file.data, let note = file.note else {
                problems.append(.init(.transfervermerk, "\(file.path) is not a Transfervermerk"))
                continue
            }
            let anchorProblem = anchorProblem(sequence: note.auditHead.sequence, hash: note.auditHead.hash, evidence: evidence, anchor: file.path)
            if let anchorProblem { problems.append(.init(.transfervermerk, anchorProblem)) }
            if let written = recorded[file.batch] {
                if written.sha256 != data.sha256Hex {
                    problems.append(.init(.transfervermerk, "\(file.path) differs from the one the trail recorded as written"))
                }
            } else if anchorProblem == nil {
                // Written before a kill stopped its event, pinning the trail as it is: the next run
                // records the event for it (writeMissingTransfervermerke), so it is not a finding.
            } else {
                problems.append(.init(.transfervermerk, "\(file.path) exists, but the trail records no transfervermerk.written for batch "
                                      + "\(file.batch): its event was removed"))
            }
        }
        let names = Set(notes.map(\.name))
        for (batch, written) in recorded.sorted(by: { $0.key < $1.key }) where !names.contains("\(batch).json") {
            problems.append(.init(.deletedTransfervermerk, "\(written.file) was deleted: the trail recorded it as written "
                                  + "(SHA-256 \(written.sha256.prefix(12))…)"))
        }
        return problems
    }

    /// A `batch.closed` event records the head before it: the event right before it, with that hash.
    private static func batchClosedProblems(_ evidence: TrailEvidence) -> (problems: [TrailVerification.Problem], checked: Int) {
        var problems: [TrailVerification.Problem] = []
        var checked = 0
        for closed in evidence.closedBatches {
            // Batches closed before the head was recorded have none to check.
            guard let head = closed.event.payload(as: RunAuditPayload.BatchClosed.self)?.auditHead else { continue }
            checked += 1
            let sequence = closed.event.sequence
            if head.sequence != sequence - 1 || head.hash != closed.previousHash {
                problems.append(.init(.batchClosed, "batch.closed (event \(sequence), batch \(closed.event.batch ?? "?")) recorded "
                                      + "event \(head.sequence) as the head before it, which the trail does not have as recorded"))
            }
        }
        return (problems, checked)
    }

    /// Both append-only guards exist on the audit table and still abort.
    private static func triggerProblems(_ evidence: TrailEvidence) -> [TrailVerification.Problem] {
        evidence.appendOnlyGuards.compactMap { guarding in
            switch guarding.condition {
            case .inPlace: nil
            case .missing: .init(.trigger, "the append-only trigger \(guarding.name) is missing: the trail can be changed without a trace")
            case .altered: .init(.trigger, "the append-only trigger \(guarding.name) was altered: it no longer rejects the change")
            }
        }
    }
}
