public import FilePlan
public import Foundation

/// `scanctl retention dispose`: records destroyed at the end of retention with a deletion protocol
/// (Löschprotokoll). The protocol is the `record.disposed` event, committed with the record's move
/// to `disposed` (or `archived`), and a copy as `loeschprotokolle/<record>.json`: which record,
/// Aktenzeichen, plan code, retention end, the SHA-256 of each file removed, who, when, why. The
/// files are removed after that commit; a removal a crash interrupted is completed by the next
/// retention or Aussonderung command. The record's audit trail stays, and `audit verify` knows its
/// files are gone by the protocol, not by tampering.
extension Workspace {
    /// Where the deletion protocols are kept.
    public var deletionProtocolFolder: URL { root.appendingPathComponent("loeschprotokolle", isDirectory: true) }

    /// Destroys the V records whose retention ended before `day` (filed or exported, never offered)
    /// and the offered records the archive judged kassabel whose retention ended before `day`; with `records`, only those, each
    /// refused (naming it and why) unless it is one of these. An A record is never destroyed, nor a
    /// B record the archive has not judged, nor a record whose retention has not ended.
    public func dispose(before day: PlanDate, records wanted: [String]? = nil, reason: String, by user: AuthenticatedUser,
                        dryRun: Bool = false) async throws -> DisposalSummary {
        try user.require(.dispose, to: "dispose of records")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 3 else { throw ScanPipelineError(.retention, "a disposal needs --reason TEXT (at least 3 characters): why") }
        _ = try await requireIntactTrail()
        try await completePendingRemovals()
        let due = try await dueRecords(before: day)
        var candidates: [(document: String, state: DocumentState, grounds: String, process: String?)] =
            due.filter { $0.disposal == .destroy && ($0.state == .filed || $0.state == .exported) }
                .map { ($0.record, $0.state, "vernichten", nil) }
        // Judged kassabel, and due by the same date as any other record.
        let dueIDs = Set(due.map(\.record))
        for process in try await retentionLedger.aussonderungen() {
            for record in process.records where record.decision == "V" && record.state == .offered && dueIDs.contains(record.document) {
                candidates.append((record.document, record.state, "kassabel", process.process))
            }
        }
        if let wanted {
            let known = Set(candidates.map(\.document))
            for id in wanted where !known.contains(id) {
                throw ScanPipelineError(.retention, Self.whyNotDisposable(id, due: due.first { $0.record == id }, day: day))
            }
            candidates = candidates.filter { wanted.contains($0.document) }
        }
        var summary = DisposalSummary(dryRun: dryRun, reason: reason, records: [])
        for candidate in candidates.sorted(by: { $0.document < $1.document }) {
            let disposal = try await deletionProtocol(candidate.document, state: candidate.state, grounds: candidate.grounds,
                                                      process: candidate.process, reason: reason)
            let payload = disposal.payload
            summary.records.append(DisposalSummary.Record(
                record: payload.record, aktenzeichen: payload.aktenzeichen, planCode: payload.planCode, retentionEnd: payload.retentionEnd,
                grounds: payload.grounds, files: Dictionary(uniqueKeysWithValues: payload.files.map { ($0.name, $0.sha256) }),
                protocolFile: payload.protocolFile))
            guard !dryRun else { continue }
            let time = Date()
            let move = RetentionMove(document: candidate.document, expectedState: candidate.state,
                                     state: try DocumentLifecycle.target(of: .disposed, from: candidate.state))
            let batch = due.first { $0.record == candidate.document }?.batch ?? disposal.batch
            try await retentionLedger.recordDisposal(move, event: AuditEntry(
                actor: user.actor, subjects: AuditSubjects(batch: batch, document: candidate.document), payload: payload, at: time))
            try await removeRecordFiles(candidate.document, folder: disposal.folder, protocol: payload, by: user.name, time: time)
        }
        return summary
    }

    /// Why a record named for disposal is not disposable, in words.
    private static func whyNotDisposable(_ id: String, due: DueRecord?, day: PlanDate) -> String {
        guard let due else { return "record \(id) is not due for disposal: its retention does not end before \(day), it is permanent, or it is not a filed record" }
        switch (due.disposal, due.state) {
        case (.archive, _): return "record \(id) is A (archivwürdig): it goes to the archive and is never destroyed"
        case (.appraise, .offered): return "record \(id) is B and offered: the archive has not judged it kassabel"
        case (.appraise, _): return "record \(id) is B (bewerten): offer it to the archive first, which decides (kassabel or archivwürdig)"
        default: return "record \(id) is \(due.state.rawValue) and cannot be disposed of"
        }
    }

    /// The deletion protocol of a record whose files are about to be removed: its files' hashes
    /// (read and checked against the trail), its plan placement and retention.
    func deletionProtocol(_ document: String, state: DocumentState, grounds: String, process: String?,
                          reason: String) async throws -> (payload: RecordDisposed, folder: String, batch: String) {
        let metadata = try await recordMetadata(document)
        var files: [RecordDisposed.File] = []
        for name in Self.recordFileNames {
            files.append(.init(name: name, sha256: try await verifiedRecordFile(document, name: name).sha256Hex))
        }
        guard let folder = try await recordIntegrity.recordState(document: document)?.folder else {
            throw ScanPipelineError(.retention, "document \(document) has no record")
        }
        let payload = RecordDisposed(
            record: document, aktenzeichen: metadata.aktenzeichen.first, planCode: metadata.plan.code, planTitle: metadata.plan.title,
            title: metadata.title, retentionEnd: Self.retentionEndDate(of: metadata)?.description, disposal: metadata.disposal,
            grounds: grounds, process: process, reason: reason, previousState: state.rawValue, files: files,
            protocolFile: "loeschprotokolle/\(document).json")
        return (payload, folder, metadata.batch)
    }

    /// The Löschprotokoll's copy as a file, then the record's folder removed. Runs after the
    /// commit of the `record.disposed` event; repeating it does no harm.
    func removeRecordFiles(_ document: String, folder: String, protocol payload: RecordDisposed, by user: String, time: Date) async throws {
        let root = root
        let protocolFolder = deletionProtocolFolder
        let copy = DeletionProtocolFile(loeschprotokoll: payload, by: user, time: AuditTrail.timestamp(time))
        try await BlockingWork.run {
            let file = root.appendingPathComponent(payload.protocolFile)
            if !FileManager.default.fileExists(atPath: file.path) {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                do {
                    try FileManager.default.createDirectory(at: protocolFolder, withIntermediateDirectories: true)
                    try AtomicWrite.write(try encoder.encode(copy), to: file)
                } catch let error as ScanPipelineError {
                    throw error
                } catch {
                    throw ScanPipelineError(.storage, path: file.path, "the deletion protocol cannot be written: \(error.localizedDescription)")
                }
            }
            // The page images rendered from the record for the workstation go with it: nothing of
            // its content stays in the workspace but its trail.
            let pages = root.appendingPathComponent("cache/pages", isDirectory: true)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: pages.path)) ?? [] where name.hasPrefix("\(document)-") {
                try? FileManager.default.removeItem(at: pages.appendingPathComponent(name))
            }
            let url = root.appendingPathComponent(folder, isDirectory: true)
            guard FileManager.default.fileExists(atPath: url.path) else { return }
            do { try FileManager.default.removeItem(at: url) } catch {
                throw ScanPipelineError(.storage, path: url.path, "the record's files cannot be removed: \(error.localizedDescription)")
            }
        }
    }

    /// Completes removals a crash interrupted: a record archived or disposed of whose folder is
    /// still there, or whose protocol file is missing, is finished from its `record.disposed` event.
    func completePendingRemovals() async throws {
        let root = root
        for (document, folder) in try await retentionLedger.removedRecordFolders() {
            let pending = try await BlockingWork.run {
                FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path)
                    || !FileManager.default.fileExists(atPath: root.appendingPathComponent("loeschprotokolle/\(document).json").path)
            }
            guard pending else { continue }
            let events = try await auditEvents(document: document)
            guard let event = events.last(where: { $0.knownAction == .recordDisposed }),
                  let payload = event.payload(as: RecordDisposed.self) else { continue }
            let time = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(event.time)) ?? Date()
            try await removeRecordFiles(document, folder: folder, protocol: payload, by: event.actorName, time: time)
        }
    }
}

/// The Löschprotokoll as the workspace keeps it beside the trail: the event's content, who, when.
private struct DeletionProtocolFile: Encodable, Sendable {
    var loeschprotokoll: Workspace.RecordDisposed
    var by: String
    var time: String
}
