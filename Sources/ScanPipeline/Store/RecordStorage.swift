import Foundation

/// Where record files live (`records/<uuid>/document.pdf` and `metadata.json`), apart from the
/// database, so that a backend with a shared file store can keep them elsewhere.
///
/// Contract for an implementation:
/// - Paths are relative to the workspace (`records/<uuid>/<name>`), as the store's `recordPath` says.
/// - Reads return the bytes as stored, nil when the file is not there; the caller checks them
///   against the hashes the trail recorded.
/// - ``rewrite(_:metadata:created:modified:)`` replaces a record's metadata (and the PDF's
///   metadata) with each file written to a temporary name, synced and renamed, and returns the
///   new hashes for the caller's `record.rewritten` event.
/// - Blocking file work never runs on Swift's cooperative pool.
protocol RecordStorage: Sendable {
    /// The bytes of a record file, nil when it is not there.
    func contents(_ file: String) async throws -> Data?
    /// Whether the files a rewrite of `record` with `metadata` would write are there already (a
    /// kill after the rewrite, before its event).
    func holdsRewrite(_ record: String, metadata: RecordMetadata) async throws -> Bool
    func rewrite(_ record: String, metadata: RecordMetadata, created: Date, modified: Date) async throws -> RecordWriter.Written
}

extension Workspace {
    /// The record files, as the domain sees them: the workspace's `records/` folder.
    var recordStorage: any RecordStorage { LocalRecordStorage(root: root, records: recordsFolder) }
}

/// Record files in the workspace folder.
struct LocalRecordStorage: RecordStorage {
    let root: URL
    let records: URL

    func contents(_ file: String) async throws -> Data? {
        let url = root.appendingPathComponent(file)
        return try await BlockingWork.run { FileManager.default.contents(atPath: url.path) }
    }

    func holdsRewrite(_ record: String, metadata: RecordMetadata) async throws -> Bool {
        let folder = records.appendingPathComponent(record, isDirectory: true)
        return try await BlockingWork.run { () -> Bool in
            let pdf = folder.appendingPathComponent(Workspace.pdfFileName).path
            guard FileManager.default.fileExists(atPath: pdf),
                  let stored = FileManager.default.contents(atPath: folder.appendingPathComponent(Workspace.metadataFileName).path)
            else { return false }
            let expected = RecordWriter.completed(metadata, pdfSHA256: try FileHasher.sha256(path: pdf).hash)
            return try RecordWriter.encoded(expected) == stored
        }
    }

    func rewrite(_ record: String, metadata: RecordMetadata, created: Date, modified: Date) async throws -> RecordWriter.Written {
        let records = records
        return try await BlockingWork.run {
            try RecordWriter(records: records).rewrite(id: record, metadata: metadata, created: created, modified: modified)
        }
    }
}
