package import Foundation

/// `WORKSPACE/audit-head.json`: the audit trail's last event (sequence and hash) as it stood after
/// the latest commit that appended events, kept outside the database so that a trail cut at its
/// end, or re-hashed from some event on, no longer matches it.
///
/// It is rewritten after the commit, so a crash in between leaves it one commit behind: an event
/// at or before the trail's end with the hash it names is fine; an event the trail does not have,
/// or another hash, is not.
public struct AuditHeadFile: Sendable, Codable, Equatable {
    public static let fileName = "audit-head.json"

    public var format = "scanctl-audit-head"
    public var sequence: Int64
    public var hash: String
    /// UTC, when the file was written.
    public var time: String

    public init(sequence: Int64, hash: String, time: String) {
        self.sequence = sequence
        self.hash = hash
        self.time = time
    }

    /// Writes the file atomically (temporary name, sync, rename).
    package func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicWrite.write(try encoder.encode(self), to: url)
    }

    /// The file at `url`; nil when there is none, an error when it is not a head file.
    static func read(from url: URL) throws -> AuditHeadFile? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        guard let head = try? JSONDecoder().decode(AuditHeadFile.self, from: data), head.format == "scanctl-audit-head" else {
            throw ScanPipelineError(.brokenTrail, path: url.path, "is not an audit head file")
        }
        return head
    }
}
