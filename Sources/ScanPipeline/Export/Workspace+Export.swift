public import Foundation
import FilePlan

/// `scanctl export`: the workspace's records in a DMS format.
extension Workspace {
    /// What `record.exported` records: where, in which format, and every file with its hash.
    package struct RecordExported: AuditPayload {
        package static let actions: [AuditAction] = [.recordExported, .exportFilesWritten]
        package struct File: Codable, Sendable {
            package var name: String
            package var sha256: String
        }
        package var target: String
        package var folder: String
        package var files: [File]
    }

    /// Writes the selected records to `folder` in `target`'s format. Every record file is read and
    /// checked against the hashes the audit trail recorded before anything is written (a mismatch
    /// is audited and refused, `record-integrity`), and the bytes checked are the bytes written; each output is written to a temporary name and renamed.
    /// A record is exported again only when its files differ from those its last `record.exported`
    /// event for this format and folder lists, so repeating an export is idempotent even after the
    /// DMS took the files away; a record whose files were written but whose event a kill prevented
    /// is exported (and audited) on the next run. Manifests and Transfervermerke are audited when
    /// written.
    public func export(_ target: ExportTarget, mapping: D3Mapping = .standard, parties: XdomeaParties = XdomeaParties(),
                       selection: ExportSelection = ExportSelection(), to folder: URL, actor: AuditActor,
                       acceptingBrokenTrail: Bool = false) async throws -> ExportSummary {
        // Nothing leaves a workspace whose trail does not verify, unless the exporter accepts that (audited).
        try await requireIntactTrail(accepting: acceptingBrokenTrail ? actor : nil)
        let exporter: any RecordExporter = switch target {
        case .json: JSONExporter()
        case .d3: D3Exporter(mapping: mapping)
        case .xdomea: XdomeaExporter(parties: parties)
        case .xdomeaAussonderung:
            throw ScanPipelineError(.export, "an Aussonderung is not an export of selected records: it offers due records (0501) and "
                                    + "hands over what the archive judged archivwürdig (0503), by stage")
        }
        // A review whose record rewrite a crash interrupted is finished first: never export stale files.
        try await completePendingRecordUpdates(software: actor.version ?? "unknown")
        let records = try await exportableRecords(selection)
        let previous = try await exportLedger.lastExports(target: target.rawValue, folder: folder.path)
            .mapValues { Self.signature($0.files.map { ($0.name, $0.sha256) }) }
        let transfervermerke = transfervermerkFolder
        // Building the files (the xdomea ZIP), hashing and writing them is blocking work: off the
        // cooperative pool, in steps between which each record's event is committed.
        let plan = try await BlockingWork.run { () -> ExportPlan in
            // Everything is prepared before the first byte is written: a missing record stops the export clean.
            let prepared = try records.map { record in
                (record: record, files: try exporter.files(for: record).map { ($0.name, try $0.bytes()) })
            }
            let exporterSummary = try exporter.summaryFiles(for: records).map { ($0.name, try $0.bytes()) }
            let notes = try Self.transfervermerkFiles(for: records, in: transfervermerke).map { ($0.name, try $0.bytes()) }
            // A format whose records travel inside one message (xdomea) has no files per record.
            let carriedInMessage = !prepared.isEmpty && prepared.allSatisfy { $0.files.isEmpty }
            let message = carriedInMessage ? exporterSummary : []
            var plan = ExportPlan(carriedInMessage: carriedInMessage, message: message,
                                  extras: (carriedInMessage ? [] : exporterSummary) + notes)
            for (record, files) in prepared {
                let carried = carriedInMessage ? message : files
                let signature = Self.signature(carried.map { ($0.0, $0.1.sha256Hex) })
                if previous[record.id] == signature {
                    plan.unchanged.append(record.id)
                } else {
                    plan.due.append((record, carried.map { ($0.0, $0.1, $0.1.sha256Hex) }))
                }
            }
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw ScanPipelineError(.export, path: folder.path, "the export folder cannot be created: \(error.localizedDescription)")
            }
            return plan
        }

        var summary = ExportSummary(target: target, folder: folder.path, exported: [], unchanged: plan.unchanged, filesWritten: 0)
        summary.discarded = try await discardedDocuments(selection)
        if plan.carriedInMessage && !plan.due.isEmpty {
            let message = plan.message
            summary.filesWritten += try await BlockingWork.run { try Self.write(message, to: folder) }
        }
        for (record, files) in plan.due {
            if !plan.carriedInMessage {
                let data = files.map { ($0.0, $0.1) }
                summary.filesWritten += try await BlockingWork.run { try Self.write(data, to: folder) }
            }
            summary.exported.append(record.id)
            let payload = RecordExported(target: target.rawValue, folder: folder.path,
                                         files: files.map { .init(name: $0.0, sha256: $0.2) })
            // A filed record is exported from now on; a provisional one still waits for its review.
            let move = ExportMove(document: record.id, expectedState: record.state,
                                  state: try DocumentLifecycle.target(of: .exported, from: record.state))
            try await exportLedger.recordExported(move, event: AuditEntry(
                actor: actor, subjects: AuditSubjects(batch: record.batch, document: record.id), payload: payload))
        }
        let extras = plan.extras
        let written = try await BlockingWork.run { () -> [(String, String)] in
            var written: [(String, String)] = []
            for file in extras where try Self.write([file], to: folder) > 0 { written.append((file.0, file.1.sha256Hex)) }
            return written
        }
        if !written.isEmpty {
            summary.filesWritten += written.count
            // The manifest and the Transfervermerke, with their hashes.
            let payload = RecordExported(target: target.rawValue, folder: folder.path,
                                         files: written.map { .init(name: $0.0, sha256: $0.1) })
            try await exportLedger.exportFilesWritten(event: AuditEntry(actor: actor, action: .exportFilesWritten, payload: payload))
        }
        return summary
    }

    /// What an export writes, worked out before it writes anything.
    private struct ExportPlan: Sendable {
        var carriedInMessage: Bool
        var message: [(String, Data)]
        var extras: [(String, Data)]
        var unchanged: [String] = []
        /// Records to export, with their files' names, bytes and SHA-256.
        var due: [(record: ExportableRecord, files: [(String, Data, String)])] = []
    }

    /// Names and hashes of files, in a form to compare.
    private static func signature(_ files: [(name: String, sha256: String)]) -> String {
        files.map { "\($0.name) \($0.sha256)" }.sorted().joined(separator: "\n")
    }

    /// The Transfervermerke of the records' batches travel with them (TR-RESISCAN).
    private static func transfervermerkFiles(for records: [ExportableRecord], in transfervermerkFolder: URL) -> [ExportFile] {
        Set(records.map(\.batch)).sorted().flatMap { batch in
            ["json", "txt", "seal.json"].compactMap { suffix -> ExportFile? in
                let url = transfervermerkFolder.appendingPathComponent("\(batch).\(suffix)")
                guard FileManager.default.fileExists(atPath: url.path) else { return nil }
                return ExportFile(name: "transfervermerk-\(batch).\(suffix)", content: .copy(url))
            }
        }
    }

    /// Writes the files whose content differs from what is in `folder`; returns how many.
    private static func write(_ files: [(String, Data)], to folder: URL) throws -> Int {
        var written = 0
        for (name, data) in files {
            let url = folder.appendingPathComponent(name)
            if let existing = FileManager.default.contents(atPath: url.path), existing.sha256Hex == data.sha256Hex { continue }
            do {
                try AtomicWrite.write(data, to: url)
            } catch {
                throw ScanPipelineError(.export, path: url.path, "cannot be written: \(error)")
            }
            written += 1
        }
        return written
    }

    /// The documents discarded as nicht aktenrelevant that the selection's batch and code would
    /// otherwise take: no state of a selection includes them, they are only named.
    func discardedDocuments(_ selection: ExportSelection) async throws -> [String] {
        let prefix = selection.codePrefix.flatMap(PlanCode.init)
        var discarded: [String] = []
        for row in try await exportLedger.exportCandidates(states: [.discarded], batchPrefix: selection.batch) {
            if let prefix {
                guard let code = try await currentMetadata(row.id).plan.code.flatMap(PlanCode.init),
                      code.isDescendant(ofOrEqualTo: prefix) else { continue }
            }
            discarded.append(row.id)
        }
        return discarded
    }

    /// The selected records with their metadata, in record order; a record whose files are missing
    /// or unreadable is an error naming the file.
    func exportableRecords(_ selection: ExportSelection) async throws -> [ExportableRecord] {
        var prefix: PlanCode?
        if let code = selection.codePrefix {
            guard let parsed = PlanCode(code) else { throw ScanPipelineError(.export, "--code \(code) is not a plan code") }
            prefix = parsed
        }
        let rows = try await exportLedger.exportCandidates(states: selection.documentStates, batchPrefix: selection.batch)
        var records: [ExportableRecord] = []
        for row in rows {
            if let record = try await exportableRecord(row, codePrefix: prefix) { records.append(record) }
        }
        return records
    }

    /// One record with its metadata, files and history, read and checked against the trail; nil
    /// when `codePrefix` is given and the record is filed elsewhere.
    func exportableRecord(_ row: ExportCandidate, codePrefix prefix: PlanCode? = nil) async throws -> ExportableRecord? {
        let folder = root.appendingPathComponent(row.recordPath, isDirectory: true)
        let metadataFile = folder.appendingPathComponent(Self.metadataFileName)
        let pdf = folder.appendingPathComponent(Self.pdfFileName)
        // The bytes exported are the bytes checked against the trail, read once.
        let data = try await verifiedRecordFile(row.id, name: Self.metadataFileName)
        let metadata: RecordMetadata
        do { metadata = try JSONDecoder().decode(RecordMetadata.self, from: data) } catch {
            throw ScanPipelineError(.export, path: metadataFile.path, "the record's metadata cannot be read: \(error)")
        }
        // Output names come from the database's ids; metadata that disagrees was edited.
        guard metadata.record == row.id, metadata.batch == row.batch else {
            throw ScanPipelineError(.export, path: metadataFile.path, "names record \(metadata.record) of batch \(metadata.batch), "
                                    + "but the workspace has \(row.id) of batch \(row.batch) here")
        }
        if let prefix {
            guard let code = metadata.plan.code.flatMap(PlanCode.init), code.isDescendant(ofOrEqualTo: prefix) else { return nil }
        }
        let pdfData = try await verifiedRecordFile(row.id, name: Self.pdfFileName)
        // Who scanned it, with which profile: the batch's opening, then the record's own events.
        let opened = try await auditLog.events(AuditEventQuery(batch: row.batch, actions: [.batchOpened], limit: 1))
        let history = try await opened + auditEvents(document: row.id)
        return ExportableRecord(id: row.id, batch: row.batch, state: row.state, metadata: metadata, pdf: pdf, metadataFile: metadataFile,
                                pdfData: pdfData, metadataData: data, history: history)
    }
}
