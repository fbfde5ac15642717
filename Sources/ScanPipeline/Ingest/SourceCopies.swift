import Foundation

/// The copies of ingested files in a shared workspace's file store (`sources/<sha256>`): the file
/// an operator's host ingested is read again by whichever host's worker claims its document, and
/// that host cannot open a path on the operator's disk. Each copy is written under a temporary name,
/// synced and renamed, so a worker never reads half a file; its name is its content's hash, so two
/// hosts copying the same file write the same bytes and the second copy changes nothing.
struct SourceCopies: Sendable {
    let folder: URL

    func path(of sha256: String) -> URL { folder.appendingPathComponent(sha256) }

    /// Copies `openPath` (whose content hashed to `sha256`) into the store unless a copy is there.
    /// The copy is hashed again: a file changed between its ingest and the copy is refused, not
    /// kept under a name that would be a lie.
    func keep(_ openPath: String, sha256: String) throws {
        let target = path(of: sha256)
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: target.path) { return }
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(sha256).\(UUID().uuidString).partial")
        do {
            try fileManager.copyItem(atPath: openPath, toPath: temporary.path)
            try AtomicWrite.sync(temporary)
            let (copied, _) = try FileHasher.sha256(path: temporary.path)
            guard copied == sha256 else {
                throw ScanPipelineError(.changedFile, path: openPath, "the file changed while it was copied into the shared store")
            }
            guard rename(temporary.path, target.path) == 0 else {
                throw ScanPipelineError(.storage, path: target.path, "cannot move the copy into place: \(String(cString: strerror(errno)))")
            }
            AtomicWrite.syncFolder(folder)
        } catch {
            try? fileManager.removeItem(at: temporary)
            if let error = error as? ScanPipelineError { throw error }
            throw StorageFailure.error(error, writing: target.path)
        }
    }
}

extension Workspace {
    /// Where a shared workspace keeps the ingested files for its workers.
    var sourceCopies: SourceCopies { SourceCopies(folder: root.appendingPathComponent("sources", isDirectory: true)) }
}
