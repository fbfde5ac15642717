import Foundation

/// Writes files so that a crash leaves either the old state or the new one, never half a file:
/// write to a temporary name in the same folder, sync, rename.
enum AtomicWrite {
    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw ScanPipelineError(.storage, path: url.path, "cannot create a file here: \(String(cString: strerror(errno)))")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                throw ScanPipelineError(.storage, path: url.path, "cannot move the finished file into place")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? ScanPipelineError { throw error }
            throw ScanPipelineError(.storage, path: url.path, "cannot write the file: \(error.localizedDescription)")
        }
    }

    /// Flushes a file's data to disk.
    static func sync(_ url: URL) throws {
        let handle = try FileHandle(forUpdating: url)
        try handle.synchronize()
        try handle.close()
    }

    /// Flushes a folder's entries (a rename into it) to disk.
    static func syncFolder(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
