import Crypto
import Foundation

/// An input file found by the input walk: the path shown and recorded, and the path it is opened by.
struct InputFile: Sendable, Equatable {
    /// Resolved (no links, `.` or `..`), with `\xHH` escapes where a name is not UTF-8.
    var path: String
    /// `path` itself, or, for a name that is not UTF-8 (which no Swift string can hold), a link to
    /// the file in the workspace's `work/names/` folder.
    var openPath: String

    init(path: String, openPath: String? = nil) {
        self.path = path
        self.openPath = openPath ?? path
    }

    /// The link through which a file with a name that is not UTF-8 is opened: named after the hash
    /// of its shown path, so that a resumed run finds it again from the recorded path.
    static func alias(forShown shown: String, in folder: URL) -> URL {
        let digest = SHA256.hash(data: Data(shown.utf8)).hexString.prefix(24)
        let suffix = (shown as NSString).pathExtension.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(8)
        return folder.appendingPathComponent(suffix.isEmpty ? String(digest) : "\(digest).\(suffix)")
    }

    /// The path to open for a recorded path: its alias when it has one.
    static func openPath(forRecorded path: String, aliases folder: URL) -> String {
        let alias = alias(forShown: path, in: folder)
        return RawPath(alias.path).linkStatus() != nil ? alias.path : path
    }

    /// Makes (or renews) the alias link for `raw`, shown as `shown`.
    static func makeAlias(for raw: RawPath, shown: String, in folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let alias = alias(forShown: shown, in: folder)
        unlink(alias.path)
        let made = raw.withCString { symlink($0, alias.path) }
        guard made == 0 else {
            throw ScanPipelineError(.storage, path: alias.path,
                                    "cannot make the link to \(shown): \(String(cString: strerror(errno)))")
        }
        return alias.path
    }
}
