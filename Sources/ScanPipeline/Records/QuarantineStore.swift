import Foundation

/// Keeps bad inputs aside in `WORKSPACE/quarantine/`: a copy of the file (when it can be read) and a
/// `.reason.json` beside it, so that nothing is lost and the reason travels with the file.
struct QuarantineStore: Sendable {
    let folder: URL

    struct Reason: Codable {
        var path: String
        var sha256: String?
        var code: String
        var reason: String
        var batch: String
        var time: String
    }

    /// What was kept: the copy's name (nil when the file could not be read at all: then only the
    /// reason is kept) and the reason file's name, both in the quarantine folder.
    struct Kept: Sendable {
        var storedAs: String?
        var reasonFile: String
    }

    /// Copies `path` in and writes its reason.
    func keep(path: String, sha256: String?, error: ScanPipelineError, batch: String, time: String) throws -> Kept {
        // A retry of the kept copy itself that fails again keeps that copy, not a copy of it.
        let inFolder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path == folder.standardizedFileURL.path
        let base = inFolder ? (path as NSString).lastPathComponent : Self.baseName(path: path, sha256: sha256)
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
        return Kept(storedAs: stored, reasonFile: base + ".reason.json")
    }

    /// The stored copy's name (`<first 12 of the SHA-256>-<file name>`); the reason file is this
    /// with `.reason.json`.
    static func baseName(path: String, sha256: String?) -> String {
        (sha256.map { String($0.prefix(12)) + "-" } ?? "unread-") + sanitised((path as NSString).lastPathComponent)
    }

    /// A file name safe on every file system: letters, digits, `.`, `-` and `_`, at most 80 characters.
    static func sanitised(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let cleaned = String(name.map { allowed.contains($0) ? $0 : "_" }.prefix(80))
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "file" + cleaned : cleaned
    }
}
