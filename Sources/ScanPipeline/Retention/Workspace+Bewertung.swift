public import Foundation

/// What the archive sends back in an Aussonderung: its Bewertungsverzeichnis (0502) and its
/// receipts (0504, 0505, 0507 Empfangsbestätigungen; 0506 the import per Schriftgutobjekt).
extension Workspace {
    /// Reads the archive's message at `file`: a 0502 sets archivwürdig (A) or kassabel (V) per
    /// offered record (an Akte's Bewertung applies to every record the Anbieteverzeichnis listed in
    /// it), a 0504, 0505 or 0507 is recorded as received, a 0506 moves each record whose import
    /// it confirms to `archived` and removes its local files by the deletion protocol (the trail
    /// stays). The message is validated first (refused without a validator); it must name a process
    /// scanctl offered, and every Schriftgutobjekt in it must be one that process listed: an
    /// unknown id is refused, naming it, and nothing is recorded.
    /// `types` are the Nachrichtentyp codes the caller expects (0502; 0504–0507); another is refused.
    public func readArchiveMessage(_ file: URL, expecting types: Set<String> = ["0502", "0504", "0505", "0506", "0507"],
                                   by user: AuthenticatedUser, validator: XdomeaSchemaValidator?) async throws -> AussonderungSummary {
        try user.require(.dispose, to: "record the archive's Bewertung or receipts (Aussonderung)")
        _ = try await requireIntactTrail()
        try await completePendingRemovals()
        let message = try await BlockingWork.run { try XdomeaIncomingMessage.read(file) }
        guard types.contains(message.type) else {
            throw ScanPipelineError(.aussonderung, path: file.path, "is a \(message.type) message, not "
                                    + (types == ["0502"] ? "the archive's Bewertungsverzeichnis (0502)" : "an archive's receipt (0504–0507)"))
        }
        // The archive's message decides what is destroyed or removed: it is acted on only once it
        // validates, never on a warning.
        guard let validator else {
            throw ScanPipelineError(.aussonderung, path: file.path, "the archive's message is acted on only once it validates against the "
                                    + "xdomea 3.0.0 schemas: name them with --xdomea-schemas DIR or SCANCTL_XDOMEA_SCHEMAS")
        }
        try await validator.validate(message.xml, name: file.lastPathComponent)
        guard let process = try await retentionLedger.aussonderungen().first(where: { $0.process == message.process }) else {
            throw ScanPipelineError(.aussonderung, path: file.path, "names process \(message.process), which no Anbieteverzeichnis of this "
                                    + "workspace started")
        }
        let sha256 = message.xml.sha256Hex
        var summary = AussonderungSummary(stage: message.type == "0502" ? "bewertung" : "receipt", process: process.process,
                                          messageType: message.type, message: file.path, messageSHA256: sha256)
        switch message.type {
        case "0502": try await recordBewertung(message, of: process, by: user, sha256: sha256, into: &summary)
        case "0506": try await recordImport(message, of: process, by: user, sha256: sha256, into: &summary)
        default:
            let event = AuditEntry(actor: user.actor, payload: AussonderungConfirmed(
                process: process.process, message: message.fileName, messageSHA256: sha256, messageType: message.type,
                object: nil, success: nil, archiveID: nil, error: nil))
            try await retentionLedger.recordConfirmation(process: process.process, moves: [], events: [event])
        }
        return summary
    }

    /// The records of `process` that the Schriftgutobjekt `object` stands for: the records listed
    /// in that Akte, or the record itself. Unknown: refused, naming the id.
    private func records(of process: AussonderungProcess, named object: String, in file: String) throws -> [AussonderungProcess.Record] {
        let records = process.records.filter { $0.akte == object || $0.document == object }
        guard !records.isEmpty else {
            throw ScanPipelineError(.aussonderung, path: file, "names Schriftgutobjekt \(object), which Aussonderung \(process.process) "
                                    + "did not offer")
        }
        return records
    }

    private func recordBewertung(_ message: XdomeaIncomingMessage, of process: AussonderungProcess, by user: AuthenticatedUser,
                                 sha256: String, into summary: inout AussonderungSummary) async throws {
        guard !message.evaluations.isEmpty else {
            throw ScanPipelineError(.aussonderung, path: message.fileName, "judges no Schriftgutobjekt")
        }
        var decisions: [String: (decision: String, object: String, record: AussonderungProcess.Record)] = [:]
        for evaluation in message.evaluations {
            guard evaluation.code == "A" || evaluation.code == "V" else {
                throw ScanPipelineError(.aussonderung, path: message.fileName, "judges \(evaluation.object) \(evaluation.code): "
                                        + "a Bewertung is A (archivwürdig) or V (kassabel)")
            }
            for record in try records(of: process, named: evaluation.object, in: message.fileName) {
                // A record's own Bewertung wins over its Akte's.
                if decisions[record.document] != nil && evaluation.object != record.document { continue }
                decisions[record.document] = (evaluation.code, evaluation.object, record)
            }
        }
        let time = Date()
        var changed: [String: String] = [:]
        var events: [AuditEntry] = []
        for (document, judged) in decisions.sorted(by: { $0.key < $1.key }) {
            guard judged.record.state == .offered else {
                throw ScanPipelineError(.aussonderung, path: message.fileName, "judges record \(document), which is "
                                        + "\(judged.record.state.rawValue), no longer offered")
            }
            if judged.decision == "A" { summary.archivwuerdig.append(document) } else { summary.kassabel.append(document) }
            // The same Bewertung read again records nothing new.
            guard judged.record.decision != judged.decision else { continue }
            changed[document] = judged.decision
            events.append(AuditEntry(actor: user.actor, subjects: AuditSubjects(batch: judged.record.batch, document: document),
                                     payload: AussonderungEvaluated(process: process.process, message: message.fileName,
                                                                    messageSHA256: sha256, decision: judged.decision,
                                                                    evaluatedObject: judged.object), at: time))
        }
        summary.records = decisions.keys.sorted()
        if !changed.isEmpty { try await retentionLedger.recordEvaluation(process: process.process, decisions: changed, events: events) }
    }

    private func recordImport(_ message: XdomeaIncomingMessage, of process: AussonderungProcess, by user: AuthenticatedUser,
                              sha256: String, into summary: inout AussonderungSummary) async throws {
        let time = Date()
        var moves: [RetentionMove] = []
        var events: [AuditEntry] = []
        var protocols: [(document: String, folder: String, disposed: RecordDisposed)] = []
        for imported in message.imported {
            for record in try records(of: process, named: imported.object, in: message.fileName) where record.state == .handedOver {
                let subjects = AuditSubjects(batch: record.batch, document: record.document)
                events.append(AuditEntry(actor: user.actor, subjects: subjects, payload: AussonderungConfirmed(
                    process: process.process, message: message.fileName, messageSHA256: sha256, messageType: message.type,
                    object: imported.object, success: imported.success, archiveID: imported.archiveID, error: imported.error), at: time))
                guard imported.success else {
                    summary.failed[record.document] = imported.error ?? "the archive did not import it"
                    continue
                }
                // The archive keeps it now: the local files go by the deletion protocol, in the same transaction.
                let disposal = try await deletionProtocol(record.document, state: record.state, grounds: "archiviert", process: process.process,
                                                          reason: "Übernahme durch das Archiv bestätigt (\(message.fileName))")
                moves.append(RetentionMove(document: record.document, expectedState: record.state,
                                           state: try DocumentLifecycle.target(of: .archived, from: record.state)))
                events.append(AuditEntry(actor: user.actor, subjects: subjects, payload: disposal.payload, at: time))
                protocols.append((record.document, disposal.folder, disposal.payload))
                summary.records.append(record.document)
            }
        }
        try await retentionLedger.recordConfirmation(process: process.process, moves: moves, events: events)
        for entry in protocols {
            try await removeRecordFiles(entry.document, folder: entry.folder, protocol: entry.disposed, by: user.name, time: time)
            summary.removed.append(entry.document)
        }
    }
}
