import Foundation

/// Record files are content-addressed in effect: whenever a command reads a record, its files are
/// checked against the SHA-256 the audit trail recorded when scanctl wrote them (`record.written`,
/// or `record.rewritten` after a review). metadata.json's own hash list is never the reference:
/// it is one of the files checked. A mismatch is audited (`record.integrity-failed`) and refused.
extension Workspace {
    package static let pdfFileName = "document.pdf"
    package static let metadataFileName = "metadata.json"
    /// The files scanctl writes into every record folder.
    static let recordFileNames = [pdfFileName, metadataFileName]

    /// A record's files as the trail last recorded them.
    package struct RecordedFiles: Sendable {
        package var sequence: Int64
        /// File name → SHA-256.
        package var hashes: [String: String]

        package init(sequence: Int64, hashes: [String: String]) {
            self.sequence = sequence
            self.hashes = hashes
        }

        /// What a `record.written` or `record.rewritten` event records of its document's files;
        /// nil for an event that does not say both hashes (nothing to check against: the files
        /// count as unrecorded). Both stores read the trail through this.
        package init?(recordedBy event: AuditEvent) {
            let hashes: (pdf: String, metadata: String)? =
                if let written = event.payload(as: RunAuditPayload.RecordWritten.self) {
                    (written.pdfSHA256, written.metadataSHA256)
                } else if let rewritten = event.payload(as: ReviewAuditPayload.RecordRewritten.self) {
                    (rewritten.pdfSHA256, rewritten.metadataSHA256)
                } else {
                    nil
                }
            guard let hashes, event.document != nil else { return nil }
            self.init(sequence: event.sequence, hashes: [Workspace.pdfFileName: hashes.pdf, Workspace.metadataFileName: hashes.metadata])
        }
    }

    /// What `record.integrity-failed` records.
    package struct IntegrityFailed: AuditPayload {
        package static let actions: [AuditAction] = [.recordIntegrityFailed]
        package var file: String
        package var problem: String
        package var expected: String?
        package var found: String?
        package var recordedBy: Int64?
    }

    /// The record folder (relative to the workspace) the store has for `document`, and what the trail recorded.
    private func recordState(_ document: String) async throws -> (folder: String, recorded: RecordedFiles?) {
        guard let state = try await recordIntegrity.recordState(document: document) else {
            throw ScanPipelineError(.review, "document \(document) has no record")
        }
        // Files removed by the deletion protocol are not missing: refused as what it is, not audited as tampering.
        if let lifecycle = try await documents.state(of: document), lifecycle.recordFilesRemoved {
            throw ScanPipelineError(.retention, "record \(document) is \(lifecycle.rawValue): its files were removed by the deletion "
                                    + "protocol (loeschprotokolle/\(document).json); its audit trail remains")
        }
        return state
    }

    /// What is wrong with `names` of the record, checked against `recorded` (empty: they match).
    static func findings(root: URL, folder: String, names: [String], recorded: RecordedFiles?) throws -> [RecordFileFinding] {
        guard let recorded else { return [RecordFileFinding(file: folder, problem: .unrecorded)] }
        return try names.compactMap { name in
            let file = "\(folder)/\(name)"
            let path = root.appendingPathComponent(file).path
            let expected = recorded.hashes[name]
            guard FileManager.default.fileExists(atPath: path) else {
                return RecordFileFinding(file: file, problem: .missing, expected: expected, recordedBy: recorded.sequence)
            }
            let found = try FileHasher.sha256(path: path).hash
            guard let expected else { return RecordFileFinding(file: file, problem: .unexpected, found: found) }
            return found == expected ? nil
                : RecordFileFinding(file: file, problem: .changed, expected: expected, recordedBy: recorded.sequence, found: found)
        }
    }

    /// Checks the record's files `names` and returns what does not match.
    func recordFindings(_ document: String, names: [String] = recordFileNames) async throws -> [RecordFileFinding] {
        let (folder, recorded) = try await recordState(document)
        let root = root
        return try await BlockingWork.run { try Self.findings(root: root, folder: folder, names: names, recorded: recorded) }
    }

    /// Refuses the record unless its files `names` are as the trail recorded them; each finding is audited.
    func requireIntactRecord(_ document: String, names: [String] = recordFileNames) async throws {
        let findings = try await recordFindings(document, names: names)
        try await refuse(findings, document: document)
    }

    /// Reads one record file and checks the bytes read against the trail, so that what the caller
    /// uses is exactly what was verified.
    func verifiedRecordFile(_ document: String, name: String) async throws -> Data {
        let (folder, recorded) = try await recordState(document)
        let file = "\(folder)/\(name)"
        let data = try await recordStorage.contents(file)
        let finding: RecordFileFinding? = if recorded == nil {
            RecordFileFinding(file: folder, problem: .unrecorded)
        } else if let data {
            data.sha256Hex == recorded?.hashes[name] ? nil
                : RecordFileFinding(file: file, problem: .changed, expected: recorded?.hashes[name], recordedBy: recorded?.sequence,
                                    found: data.sha256Hex)
        } else {
            RecordFileFinding(file: file, problem: .missing, expected: recorded?.hashes[name], recordedBy: recorded?.sequence)
        }
        try await refuse(finding.map { [$0] } ?? [], document: document)
        guard let data else { throw ScanPipelineError(.recordIntegrity, path: file, "missing") }
        return data
    }

    /// Audits the findings (one `record.integrity-failed` event each) and throws the first; does nothing without any.
    func refuse(_ findings: [RecordFileFinding], document: String) async throws {
        guard let first = findings.first else { return }
        let actor = AuditActor.component("scanctl", version: software)
        try await recordIntegrity.auditIntegrityFailures(document: document, actor: actor, findings: findings.map { finding in
            IntegrityFailed(file: finding.file, problem: finding.problem.rawValue, expected: finding.expected, found: finding.found,
                            recordedBy: finding.recordedBy)
        })
        throw first.error
    }

    /// Every record file of every record against the trail: missing, changed, and files (or
    /// folders) under `records/` the trail never recorded. Returns the findings and how many
    /// files were checked. Nothing is audited: verification only reads.
    func allRecordFindings() async throws -> (findings: [RecordFileFinding], checked: Int) {
        let rows = try await recordIntegrity.recordFolders()
        let recorded = try await recordIntegrity.recordedFiles(document: nil)
        let root = root
        let records = recordsFolder
        return try await BlockingWork.run {
            var findings: [RecordFileFinding] = []
            var checked = 0
            let fileManager = FileManager.default
            for row in rows {
                findings += try Self.findings(root: root, folder: row.folder, names: Self.recordFileNames, recorded: recorded[row.id])
                checked += Self.recordFileNames.count
                let present = (try? fileManager.contentsOfDirectory(atPath: root.appendingPathComponent(row.folder).path)) ?? []
                for name in present.sorted() where !Self.recordFileNames.contains(name) {
                    let file = "\(row.folder)/\(name)"
                    let found = try? FileHasher.sha256(path: root.appendingPathComponent(file).path).hash
                    findings.append(RecordFileFinding(file: file, problem: .unexpected, found: found))
                }
            }
            let known = Set(rows.map { ($0.folder as NSString).lastPathComponent })
            for name in ((try? fileManager.contentsOfDirectory(atPath: records.path)) ?? []).sorted() where !known.contains(name) {
                findings.append(RecordFileFinding(file: "records/\(name)", problem: .unexpected))
            }
            return (findings, checked)
        }
    }
}
