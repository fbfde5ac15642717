public import FilePlan
public import Foundation

/// `scanctl export --target xdomea-aussonderung`: offering due records to the archive (0501) and
/// handing over those it judged archivwürdig (0503). Every step needs the `dispose` permission,
/// refuses a workspace whose trail does not verify, validates its message against the xdomea
/// schemas before writing it (when a validator is given), writes the ZIP under a temporary name,
/// and commits the records' moves with their events in one transaction.
extension Workspace {
    /// Writes an Anbieteverzeichnis (0501) of the A and B records whose retention ended before
    /// `day` (filed or exported, not yet offered) into `folder`, as a new Aussonderung process;
    /// the records move to `offered`, each with an `aussonderung.offered` event.
    public func offerForAussonderung(before day: PlanDate, parties: XdomeaParties, to folder: URL, by user: AuthenticatedUser,
                                     validator: XdomeaSchemaValidator?, software: String) async throws -> AussonderungSummary {
        try user.require(.dispose, to: "offer records to the archive (Aussonderung)")
        _ = try await requireIntactTrail()
        let due = try await dueRecords(before: day)
            .filter { $0.disposal != .destroy && ($0.state == .filed || $0.state == .exported) }
        guard !due.isEmpty else {
            throw ScanPipelineError(.aussonderung, "no A or B record's retention ended before \(day) that is not offered already: nothing to offer")
        }
        let records = try await exportableRecords(ids: due.map(\.record))
        let process = UUID().uuidString.lowercased()
        let message = XdomeaAussonderungMessage(kind: .anbieteverzeichnis, process: process, records: records, parties: parties,
                                                created: AuditTrail.timestamp(Date()), software: software)
        let (file, sha256) = try await write(message, to: folder, validator: validator)
        let time = Date()
        var offer = AussonderungOffer(process: process, createdAt: message.created, sender: parties.sender, recipient: parties.recipient,
                                      message: file, records: [], moves: [], events: [])
        for record in records {
            let akte = XdomeaAussonderungMessage.objectID(process: process, record: record)
            let disposal = record.metadata.retentionEnd?.disposal.rawValue ?? "B"
            offer.records.append(.init(document: record.id, akte: akte, offeredAs: disposal))
            offer.moves.append(RetentionMove(document: record.id, expectedState: record.state,
                                             state: try DocumentLifecycle.target(of: .offered, from: record.state)))
            offer.events.append(AuditEntry(actor: user.actor, subjects: AuditSubjects(batch: record.batch, document: record.id),
                                           payload: AussonderungOffered(process: process, message: file, messageSHA256: sha256, akte: akte,
                                                                        disposal: disposal,
                                                                        retentionEnd: Self.retentionEndDate(of: record.metadata)?.description,
                                                                        previousState: record.state.rawValue), at: time))
        }
        try await retentionLedger.recordOffer(offer)
        try await publishPendingMessages(in: folder)
        return AussonderungSummary(stage: "anbieten", process: process, messageType: "0501", message: folder.appendingPathComponent(file).path,
                                   messageSHA256: sha256, records: records.map(\.id))
    }

    /// Writes the Aussonderung (0503) of an offered process: the records the archive judged
    /// archivwürdig, with their PDF/A files. `process` may be left out when exactly one process
    /// has records waiting for it. They move to `handed-over`, each with an
    /// `aussonderung.handed-over` event.
    public func handOverToArchive(process wanted: String?, to folder: URL, by user: AuthenticatedUser,
                                  validator: XdomeaSchemaValidator?, software: String) async throws -> AussonderungSummary {
        try user.require(.dispose, to: "hand records over to the archive (Aussonderung)")
        _ = try await requireIntactTrail()
        let waiting = try await retentionLedger.aussonderungen().filter { process in
            process.records.contains { $0.decision == "A" && $0.state == .offered }
        }
        let process: AussonderungProcess
        if let wanted {
            guard let found = try await aussonderung(wanted) else { throw ScanPipelineError(.unknownID, "no Aussonderung has process id \(wanted)") }
            process = found
        } else {
            guard let only = waiting.first else {
                throw ScanPipelineError(.aussonderung, "no record the archive judged archivwürdig waits for its Aussonderung "
                                        + "(read the archive's Bewertungsverzeichnis first: scanctl retention evaluation FILE)")
            }
            guard waiting.count == 1 else {
                throw ScanPipelineError(.aussonderung, "\(waiting.count) Aussonderungen have archivwürdig records waiting; name one with --process: "
                                        + waiting.map(\.process).joined(separator: ", "))
            }
            process = only
        }
        let chosen = process.records.filter { $0.decision == "A" && $0.state == .offered }
        guard !chosen.isEmpty else {
            throw ScanPipelineError(.aussonderung, "Aussonderung \(process.process) has no offered record judged archivwürdig to hand over")
        }
        let records = try await exportableRecords(ids: chosen.map(\.document))
        let message = XdomeaAussonderungMessage(kind: .aussonderung, process: process.process, records: records,
                                                parties: XdomeaParties(sender: process.sender, recipient: process.recipient),
                                                created: AuditTrail.timestamp(Date()), software: software)
        let (file, sha256) = try await write(message, to: folder, validator: validator)
        let time = Date()
        let moves = try records.map { record in
            RetentionMove(document: record.id, expectedState: record.state, state: try DocumentLifecycle.target(of: .handedOver, from: record.state))
        }
        let events = records.map { record in
            AuditEntry(actor: user.actor, subjects: AuditSubjects(batch: record.batch, document: record.id),
                       payload: AussonderungHandedOver(process: process.process, message: file, messageSHA256: sha256,
                                                       pdfSHA256: record.pdfData.sha256Hex, metadataSHA256: record.metadataData.sha256Hex),
                       at: time)
        }
        try await retentionLedger.recordHandover(process: process.process, message: file, moves: moves, events: events)
        try await publishPendingMessages(in: folder)
        return AussonderungSummary(stage: "aussondern", process: process.process, messageType: "0503",
                                   message: folder.appendingPathComponent(file).path, messageSHA256: sha256, records: records.map(\.id))
    }

    /// Every Aussonderung process with its records, oldest first.
    public func aussonderungen() async throws -> [AussonderungProcess] {
        try await retentionLedger.aussonderungen()
    }

    /// The process with this id (or the start of it, at least 4 characters).
    func aussonderung(_ id: String) async throws -> AussonderungProcess? {
        let all = try await retentionLedger.aussonderungen()
        if let exact = all.first(where: { $0.process == id }) { return exact }
        let matches = all.filter { id.count >= 4 && $0.process.hasPrefix(id.lowercased()) }
        guard matches.count <= 1 else { throw ScanPipelineError(.unknownID, "\(id) names more than one Aussonderung; give more of it") }
        return matches.first
    }

    /// The records with these ids, read and checked against the trail.
    func exportableRecords(ids: [String]) async throws -> [ExportableRecord] {
        let wanted = Set(ids)
        var records: [ExportableRecord] = []
        for row in try await exportLedger.exportCandidates(states: DocumentState.allCases, batchPrefix: nil) where wanted.contains(row.id) {
            if let record = try await exportableRecord(row) { records.append(record) }
        }
        return records
    }

    /// Validates the message (when a validator is given), then writes its ZIP into `folder` under
    /// a temporary name and renames it; returns the file's name and SHA-256.
    /// Writes the message under a hidden pending name; ``publishPendingMessages(in:)`` gives it its
    /// name once its process is committed, so that a kill in between leaves no message the
    /// workspace does not know (which would be sent with a process the archive's answer cannot name).
    private func write(_ message: XdomeaAussonderungMessage, to folder: URL,
                       validator: XdomeaSchemaValidator?) async throws -> (name: String, sha256: String) {
        try await publishPendingMessages(in: folder)
        let xml = try await BlockingWork.run { message.xml() }
        if let validator { try await validator.validate(xml, name: "\(message.name).xml") }
        let name = "\(message.name).zip"
        let sha256 = try await BlockingWork.run { () -> String in
            let zip = try message.zip(xml: xml)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try AtomicWrite.write(zip, to: folder.appendingPathComponent(Self.pendingName(name)))
            } catch let error as ScanPipelineError {
                throw error
            } catch {
                throw ScanPipelineError(.aussonderung, path: folder.path, "the message cannot be written here: \(error.localizedDescription)")
            }
            return zip.sha256Hex
        }
        return (name, sha256)
    }

    static func pendingName(_ name: String) -> String { ".\(name).pending" }

    /// Gives every pending message in `folder` its name when its process is recorded, and removes
    /// it when not (a kill before the commit).
    func publishPendingMessages(in folder: URL) async throws {
        let pending = try await BlockingWork.run {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".") && $0.hasSuffix(".zip.pending") }
        }
        for file in pending {
            let name = String(file.dropFirst().dropLast(".pending".count))
            let process = String(name.prefix { $0 != "_" })
            let recorded = try await aussonderung(process).map { found in
                found.offeredMessage == name || found.handedOverMessage == name
            } ?? false
            try await BlockingWork.run {
                let from = folder.appendingPathComponent(file)
                if recorded {
                    guard rename(from.path, folder.appendingPathComponent(name).path) == 0 else {
                        throw ScanPipelineError(.aussonderung, path: from.path, "the message cannot be given its name: \(String(cString: strerror(errno)))")
                    }
                } else {
                    try? FileManager.default.removeItem(at: from)
                }
            }
        }
    }
}
