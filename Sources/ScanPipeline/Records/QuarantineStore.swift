import Foundation

/// Keeps bad inputs aside in `WORKSPACE/quarantine/`: a copy of the file (when it can be read) and a
/// `.reason.json` beside it, so that nothing is lost and the reason travels with the file.
///
/// The copy is a real copy of the bytes (never a link, whose target could change the evidence
/// later), written under a temporary name and renamed, so that a full disk leaves no empty or
/// partial copy behind.
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

    /// Whether `path` is a copy kept in this folder (a retry whose original is gone).
    func holds(_ path: String) -> Bool {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL.path
        return parent == folder.resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// Copies `file` in and writes its reason. A failure to write (disk full, read-only) is a
    /// `storage` error and leaves neither copy nor reason.
    ///
    /// The copy is named after its content (`<first 12 of the SHA-256>-<file name>`): the same
    /// bytes quarantined again (a retry that fails again) share one copy. Each quarantine gets its
    /// own reason file (`<copy>.<8 random hex>.reason.json`), so two files of the same name from
    /// different folders never overwrite each other's reason.
    func keep(_ file: InputFile, sha256: String?, error: ScanPipelineError, batch: String, time: String) throws -> Kept {
        var base = holds(file.path) ? (file.path as NSString).lastPathComponent : Self.copyName(path: file.path, sha256: sha256)
        var stored: String? = nil
        var copied: URL? = nil
        if holds(file.path) {
            if FileManager.default.fileExists(atPath: file.path) { stored = base }
        } else if let source = try? FileHasher.openRegularFile(file.openPath) {
            defer { try? source.close() }
            var target = folder.appendingPathComponent(base)
            if FileManager.default.fileExists(atPath: target.path),
               let sha256, (try? FileHasher.sha256(path: target.path).hash) == sha256 {
                stored = base
            } else {
                if FileManager.default.fileExists(atPath: target.path) {
                    // Another file's copy under this name (or one altered since): keep both.
                    base = (sha256.map { String($0.prefix(12)) } ?? "unread") + "-\(Self.randomTag())-"
                        + Self.sanitised((file.path as NSString).lastPathComponent)
                    target = folder.appendingPathComponent(base)
                }
                try copy(source, to: target)
                stored = base
                copied = target
            }
        }
        let reasonFile = "\(base).\(Self.randomTag()).reason.json"
        let reason = Reason(path: file.path, sha256: sha256, code: error.code.rawValue, reason: error.reason, batch: batch, time: time)
        do {
            try AtomicWrite.write(try CanonicalJSON.encoder.encode(reason), to: folder.appendingPathComponent(reasonFile))
        } catch {
            if let copied { try? FileManager.default.removeItem(at: copied) }
            throw StorageFailure.error(error, writing: folder.appendingPathComponent(reasonFile).path)
        }
        return Kept(storedAs: stored, reasonFile: reasonFile)
    }

    private static func randomTag() -> String { String(UUID().uuidString.lowercased().prefix(8)) }

    /// Streams the bytes into a temporary file, syncs it and renames it into place.
    private func copy(_ source: FileHandle, to target: URL) throws {
        let temporary = folder.appendingPathComponent(".\(UUID().uuidString).partial")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw ScanPipelineError(.storage, path: temporary.path, "cannot create a file: \(String(cString: strerror(errno)))")
            }
            let output = try FileHandle(forWritingTo: temporary)
            defer { try? output.close() }
            while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
                try output.write(contentsOf: chunk)
            }
            try output.synchronize()
            guard rename(temporary.path, target.path) == 0 else {
                throw ScanPipelineError(.storage, path: target.path, "cannot move the copy into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw StorageFailure.error(error, writing: target.path)
        }
    }

    /// A kept copy's name, `<first 12 of the SHA-256>-<file name>` (also for documents quarantined
    /// before the quarantine table existed, whose reason file was this with `.reason.json`).
    static func copyName(path: String, sha256: String?) -> String {
        (sha256.map { String($0.prefix(12)) + "-" } ?? "unread-") + sanitised((path as NSString).lastPathComponent)
    }

    /// A file name safe on every file system: letters, digits, `.`, `-` and `_`, at most 80 characters.
    static func sanitised(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        let cleaned = String(name.map { allowed.contains($0) ? $0 : "_" }.prefix(80))
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "file" + cleaned : cleaned
    }
}
