public import Foundation
import FilePlan
internal import GRDB

/// `scanctl export`: the workspace's records in a DMS format.
extension Workspace {
    /// What `record.exported` records: where, in which format, and every file with its hash.
    struct RecordExported: AuditPayload {
        static let actions: [AuditAction] = [.recordExported, .exportFilesWritten]
        struct File: Codable, Sendable {
            var name: String
            var sha256: String
        }
        var target: String
        var folder: String
        var files: [File]
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
        }
        // A review whose record rewrite a crash interrupted is finished first: never export stale files.
        try await completePendingRecordUpdates(software: actor.version ?? "unknown")
        let records = try await exportableRecords(selection)
        // Everything is prepared before the first byte is written: a missing record stops the export clean.
        let prepared = try records.map { record in
            (record: record, files: try exporter.files(for: record).map { ($0.name, try $0.bytes()) })
        }
        let exporterSummary = try exporter.summaryFiles(for: records).map { ($0.name, try $0.bytes()) }
        let notes = try transfervermerkFiles(for: records).map { ($0.name, try $0.bytes()) }
        // A format whose records travel inside one message (xdomea) has no files per record.
        let carriedInMessage = !prepared.isEmpty && prepared.allSatisfy { $0.files.isEmpty }
        let message = carriedInMessage ? exporterSummary : []
        let extras = (carriedInMessage ? [] : exporterSummary) + notes
        let previous = try await previousExports(target: target, folder: folder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ScanPipelineError(.export, path: folder.path, "the export folder cannot be created: \(error.localizedDescription)")
        }

        var summary = ExportSummary(target: target, folder: folder.path, exported: [], unchanged: [], filesWritten: 0)
        var due: [(record: ExportableRecord, files: [(String, Data)])] = []
        for (record, files) in prepared {
            let carried = carriedInMessage ? message : files
            if previous[record.id] == Self.signature(carried) {
                summary.unchanged.append(record.id)
            } else {
                due.append((record, carried))
            }
        }
        if carriedInMessage && !due.isEmpty { summary.filesWritten += try write(message, to: folder) }
        for (record, files) in due {
            if !carriedInMessage { summary.filesWritten += try write(files, to: folder) }
            summary.exported.append(record.id)
            let payload = RecordExported(target: target.rawValue, folder: folder.path,
                                         files: files.map { .init(name: $0.0, sha256: $0.1.sha256Hex) })
            try await database.write { db in
                _ = try AuditTrail.append(db, actor: actor, action: .recordExported,
                                          subjects: AuditSubjects(batch: record.batch, document: record.id), payload: payload)
            }
        }
        var written: [(String, Data)] = []
        for file in extras where try write([file], to: folder) > 0 { written.append(file) }
        if !written.isEmpty {
            summary.filesWritten += written.count
            // The manifest and the Transfervermerke, with their hashes.
            let payload = RecordExported(target: target.rawValue, folder: folder.path,
                                         files: written.map { .init(name: $0.0, sha256: $0.1.sha256Hex) })
            try await database.write { db in
                _ = try AuditTrail.append(db, actor: actor, action: .exportFilesWritten, payload: payload)
            }
        }
        return summary
    }

    /// Names and hashes of files, in a form to compare.
    private static func signature(_ files: [(String, Data)]) -> String {
        files.map { "\($0.0) \($0.1.sha256Hex)" }.sorted().joined(separator: "\n")
    }

    /// The files each record's newest `record.exported` event for this format and folder lists.
    private func previousExports(target: ExportTarget, folder: URL) async throws -> [String: String] {
        struct Exported: Decodable {
            struct File: Decodable { var name: String; var sha256: String }
            var target: String
            var folder: String
            var files: [File]
        }
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT document, payload FROM auditEvent WHERE action = 'record.exported' ORDER BY sequence")
                .map { (document: $0["document"] as String? ?? "", payload: $0["payload"] as String? ?? "") }
        }
        var latest: [String: String] = [:]
        for row in rows {
            guard let event = try? JSONDecoder().decode(Exported.self, from: Data(row.payload.utf8)),
                  event.target == target.rawValue, event.folder == folder.path else { continue }
            latest[row.document] = event.files.map { "\($0.name) \($0.sha256)" }.sorted().joined(separator: "\n")
        }
        return latest
    }

    /// The Transfervermerke of the records' batches travel with them (TR-RESISCAN).
    private func transfervermerkFiles(for records: [ExportableRecord]) -> [ExportFile] {
        Set(records.map(\.batch)).sorted().flatMap { batch in
            ["json", "txt", "seal.json"].compactMap { suffix -> ExportFile? in
                let url = transfervermerkFolder.appendingPathComponent("\(batch).\(suffix)")
                guard FileManager.default.fileExists(atPath: url.path) else { return nil }
                return ExportFile(name: "transfervermerk-\(batch).\(suffix)", content: .copy(url))
            }
        }
    }

    /// Writes the files whose content differs from what is in `folder`; returns how many.
    private func write(_ files: [(String, Data)], to folder: URL) throws -> Int {
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

    /// The selected records with their metadata, in record order; a record whose files are missing
    /// or unreadable is an error naming the file.
    func exportableRecords(_ selection: ExportSelection) async throws -> [ExportableRecord] {
        let states = selection.documentStates.map(\.rawValue)
        var prefix: PlanCode?
        if let code = selection.codePrefix {
            guard let parsed = PlanCode(code) else { throw ScanPipelineError(.export, "--code \(code) is not a plan code") }
            prefix = parsed
        }
        let batch = selection.batch
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, batch, recordPath FROM document
                WHERE state IN (\(states.map { _ in "?" }.joined(separator: ", "))) AND recordPath IS NOT NULL
                  AND (? IS NULL OR substr(batch, 1, length(?)) = ?)
                ORDER BY id
                """, arguments: StatementArguments(states + [batch, batch, batch]))
                .map { (id: $0["id"] as String, batch: $0["batch"] as String, path: $0["recordPath"] as String) }
        }
        var records: [ExportableRecord] = []
        for row in rows {
            let folder = root.appendingPathComponent(row.path, isDirectory: true)
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
                guard let code = metadata.plan.code.flatMap(PlanCode.init), code.isDescendant(ofOrEqualTo: prefix) else { continue }
            }
            let pdfData = try await verifiedRecordFile(row.id, name: Self.pdfFileName)
            let history = try await auditEvents(document: row.id)
            records.append(ExportableRecord(id: row.id, batch: row.batch, metadata: metadata, pdf: pdf, metadataFile: metadataFile,
                                            pdfData: pdfData, metadataData: data, history: history))
        }
        return records
    }
}
