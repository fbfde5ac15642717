public import Foundation
import FilePlan
internal import GRDB

/// `scanctl export`: the workspace's records in a DMS format.
extension Workspace {
    /// What `record.exported` records: where, in which format, and every file with its hash.
    struct RecordExported: Encodable {
        struct File: Encodable {
            var name: String
            var sha256: String
        }
        var target: String
        var folder: String
        var files: [File]
    }

    /// Writes the selected records to `folder` in `target`'s format. Every record file is read and
    /// checked before anything is written; each output is written to a temporary name and renamed;
    /// a file already there with the same content is left alone, so exporting again is idempotent:
    /// records with nothing new are reported unchanged and not audited again.
    public func export(_ target: ExportTarget, mapping: D3Mapping = .standard, parties: XdomeaParties = XdomeaParties(),
                       selection: ExportSelection = ExportSelection(), to folder: URL, actor: AuditActor) async throws -> ExportSummary {
        let exporter: any RecordExporter = switch target {
        case .json: JSONExporter()
        case .d3: D3Exporter(mapping: mapping)
        case .xdomea: XdomeaExporter(parties: parties)
        }
        let records = try await exportableRecords(selection)
        // Everything is prepared before the first byte is written: a missing record stops the export clean.
        let prepared = try records.map { record in
            (record: record, files: try exporter.files(for: record).map { ($0.name, try $0.bytes()) })
        }
        let summaryFiles = try (exporter.summaryFiles(for: records) + transfervermerkFiles(for: records)).map { ($0.name, try $0.bytes()) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ScanPipelineError(.export, path: folder.path, "the export folder cannot be created: \(error.localizedDescription)")
        }

        var summary = ExportSummary(target: target, folder: folder.path, exported: [], unchanged: [], filesWritten: 0)
        // Records that travel inside a summary file (an xdomea message) are exported when it is written.
        let inside = prepared.filter { $0.files.isEmpty }.map(\.record)
        for (record, files) in prepared where !files.isEmpty {
            let written = try write(files, to: folder)
            guard written > 0 else {
                summary.unchanged.append(record.id)
                continue
            }
            summary.filesWritten += written
            summary.exported.append(record.id)
            let payload = RecordExported(target: target.rawValue, folder: folder.path,
                                         files: files.map { .init(name: $0.0, sha256: $0.1.sha256Hex) })
            try await database.write { db in
                _ = try AuditTrail.append(db, actor: actor, action: "record.exported",
                                          subjects: AuditSubjects(batch: record.metadata.batch, document: record.id), payload: payload)
            }
        }
        let summaryWritten = try write(summaryFiles, to: folder)
        summary.filesWritten += summaryWritten
        for record in inside {
            guard summaryWritten > 0 else {
                summary.unchanged.append(record.id)
                continue
            }
            summary.exported.append(record.id)
            let payload = RecordExported(target: target.rawValue, folder: folder.path,
                                         files: summaryFiles.map { .init(name: $0.0, sha256: $0.1.sha256Hex) })
            try await database.write { db in
                _ = try AuditTrail.append(db, actor: actor, action: "record.exported",
                                          subjects: AuditSubjects(batch: record.metadata.batch, document: record.id), payload: payload)
            }
        }
        if !summaryFiles.isEmpty && !summary.exported.isEmpty && inside.isEmpty {
            // The manifest and the Transfervermerke, with their hashes.
            let payload = RecordExported(target: target.rawValue, folder: folder.path,
                                         files: summaryFiles.map { .init(name: $0.0, sha256: $0.1.sha256Hex) })
            try await database.write { db in
                _ = try AuditTrail.append(db, actor: actor, action: "export.manifest.written", payload: payload)
            }
        }
        return summary
    }

    /// The Transfervermerke of the records' batches travel with them (TR-RESISCAN).
    private func transfervermerkFiles(for records: [ExportableRecord]) -> [ExportFile] {
        Set(records.map(\.metadata.batch)).sorted().flatMap { batch in
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
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, recordPath FROM document
                WHERE state IN (\(states.map { _ in "?" }.joined(separator: ", "))) AND recordPath IS NOT NULL
                  AND (? IS NULL OR batch LIKE ? || '%')
                ORDER BY id
                """, arguments: StatementArguments(states + [selection.batch, selection.batch]))
                .map { (id: $0["id"] as String, path: $0["recordPath"] as String) }
        }
        let prefix = selection.codePrefix.flatMap(PlanCode.init)
        var records: [ExportableRecord] = []
        for row in rows {
            let folder = root.appendingPathComponent(row.path, isDirectory: true)
            let metadataFile = folder.appendingPathComponent("metadata.json")
            let pdf = folder.appendingPathComponent("document.pdf")
            guard let data = FileManager.default.contents(atPath: metadataFile.path) else {
                throw ScanPipelineError(.export, path: metadataFile.path, "the record's metadata is missing")
            }
            let metadata: RecordMetadata
            do { metadata = try JSONDecoder().decode(RecordMetadata.self, from: data) } catch {
                throw ScanPipelineError(.export, path: metadataFile.path, "the record's metadata cannot be read: \(error)")
            }
            guard FileManager.default.fileExists(atPath: pdf.path) else {
                throw ScanPipelineError(.export, path: pdf.path, "the record's PDF is missing")
            }
            if let prefix {
                guard let code = metadata.plan.code.flatMap(PlanCode.init), code.isDescendant(ofOrEqualTo: prefix) else { continue }
            }
            let history = try await auditEvents(document: row.id)
            records.append(ExportableRecord(metadata: metadata, pdf: pdf, metadataFile: metadataFile, history: history))
        }
        return records
    }
}
