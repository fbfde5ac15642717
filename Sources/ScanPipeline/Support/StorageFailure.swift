import Foundation

/// Tells a failure of the workspace's storage (disk full, read-only file system, the database gone)
/// from a bad input, so that a full disk stops the run instead of quarantining good files.
enum StorageFailure {
    /// `error` as a `storage` error about `path`; a `storage` error passes unchanged.
    static func error(_ error: any Error, writing path: String) -> ScanPipelineError {
        if let error = error as? ScanPipelineError, error.code == .storage { return error }
        let reason = (error as? ScanPipelineError)?.reason ?? "\(error)"
        return ScanPipelineError(.storage, path: path, "cannot write here: \(reason)")
    }

    /// Why the workspace cannot take a small write now (full, read-only, gone), or nil when it can.
    /// Checked before a failure is blamed on the input: when the workspace cannot be written, the
    /// failure was probably the storage's, and the run stops to be resumed.
    static func problem(in folder: URL, bytes: Int = 1 << 20) -> ScanPipelineError? {
        var info = statvfs()
        if statvfs(folder.path, &info) == 0 {
            if info.f_flag & UInt(ST_RDONLY) != 0 {
                return ScanPipelineError(.storage, path: folder.path, "the workspace's file system is read-only")
            }
            let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
            if free < UInt64(bytes) {
                return ScanPipelineError(.storage, path: folder.path,
                                         "the disk is full (\(free / 1024) KiB free): make space and run again to complete the batch")
            }
        } else {
            return ScanPipelineError(.storage, path: folder.path, "the workspace is gone: \(String(cString: strerror(errno)))")
        }
        // Free blocks are not the whole story (quotas, inodes, a read-only bind mount): try it.
        let probe = folder.appendingPathComponent(".write-probe-\(UUID().uuidString)")
        defer { unlink(probe.path) }
        let descriptor = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            return ScanPipelineError(.storage, path: folder.path, "the workspace cannot be written: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 64 * 1024)
        let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written != block.count || fsync(descriptor) != 0 {
            return ScanPipelineError(.storage, path: folder.path, "the workspace cannot be written: \(String(cString: strerror(errno)))")
        }
        return nil
    }
}
