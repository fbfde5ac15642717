import Crypto
import Foundation

/// SHA-256 of a file, read in 1 MiB chunks so that memory does not grow with the file.
enum FileHasher {
    static func sha256(path: String) throws -> (hash: String, size: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ScanPipelineError(.unreadableFile, path: path, "cannot open the file to hash it")
        }
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
}

extension Data {
    /// SHA-256 of the bytes, as lowercase hex.
    var sha256Hex: String { SHA256.hash(data: self).hexString }
}
