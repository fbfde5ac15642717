import Crypto
import Foundation

/// SHA-256 of a file, read in 1 MiB chunks so that memory does not grow with the file.
enum FileHasher {
    /// Hashes a regular file. It is opened without blocking and checked to be a regular file before
    /// a byte is read: opening a FIFO blocks until something writes to it, and a device such as
    /// /dev/zero never ends.
    static func sha256(path: String) throws -> (hash: String, size: Int) {
        let handle = try openRegularFile(path)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            size += chunk.count
            hasher.update(data: chunk)
        }
        return (hasher.finalize().hexString, size)
    }

    /// Opens `path` for reading when it is a regular file; refuses anything else without waiting.
    static func openRegularFile(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == EACCES ? "permission denied" : errno == ENOENT ? "no such file"
                : "cannot open the file: \(String(cString: strerror(errno)))"
            throw ScanPipelineError(.unreadableFile, path: path, reason)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.isRegularFile else {
            let kind = status.kindDescription
            close(descriptor)
            throw ScanPipelineError(.unreadableFile, path: path, "\(kind), not a regular file")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}

extension Data {
    /// SHA-256 of the bytes, as lowercase hex.
    var sha256Hex: String { SHA256.hash(data: self).hexString }
}
