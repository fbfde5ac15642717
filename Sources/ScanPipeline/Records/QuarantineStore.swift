import Foundation

/// Keeps bad inputs aside in `WORKSPACE/quarantine/`: a copy of the file (when it can be read) and a
/// `.reason.json` beside it, so that nothing is lost and the reason travels with the file.
struct QuarantineStore: Sendable {
    let folder: URL

    struct Reason: Encodable {
        var path: String
        var sha256: String?
        var code: String
        var reason: String
        var batch: String
        var time: String
    }

    /// Copies `path` in and writes its reason; returns the stored file's name (nil when the file
    /// could not be read at all: then only the reason is kept).
    func keep(path: String, sha256: String?, error: ScanPipelineError, batch: String, time: String) throws -> String? {
        let base = (sha256.map { String($0.prefix(12)) + "-" } ?? "unread-") + Self.sanitised((path as NSString).lastPathComponent)
        let fileManager = FileManager.default
        var stored: String? = nil
        let target = folder.appendingPathComponent(base)
        if fileManager.isReadableFile(atPath: path), !fileManager.fileExists(atPath: target.path) {
            try? fileManager.copyItem(atPath: path, toPath: target.path)
        }
        if fileManager.fileExists(atPath: target.path) { stored = base }
        let reason = Reason(path: path, sha256: sha256, code: error.code.rawValue, reason: error.reason, batch: batch, time: time)
        let data = try CanonicalJSON.encoder.encode(reason)
        try AtomicWrite.write(data, to: folder.appendingPathComponent(base + ".reason.json"))
        return stored
    }

    /// A file name safe on every file system: letters, digits, `.`, `-` and `_`, at most 80 characters.
    static func sanitised(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let cleaned = String(name.map { allowed.contains($0) ? $0 : "_" }.prefix(80))
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "file" + cleaned : cleaned
    }
}
