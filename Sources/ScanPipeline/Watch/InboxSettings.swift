public import Foundation
public import FilePlan
import Yams

/// One hot folder (Posteingang of a scanner or an SMB share) as `scanctl watch` runs it: where the
/// files arrive, who and what a batch of them is, when a file counts as complete, and where a
/// handled file goes (never deleted).
public struct InboxSettings: Sendable, Equatable {
    public var folder: URL
    /// The scanning profile; nil: posteingang.
    public var profile: String?
    /// Named as the batch's operator in the audit trail.
    public var operatorName: String
    public var schutzbedarf: Schutzbedarf?
    /// A file is complete when its size and modification time stay the same this long.
    public var settleSeconds: Double = 5
    /// What arrives is one batch once nothing new has arrived or changed for this long (one
    /// batch per scan job); a file is never kept waiting longer than `maximumWaitSeconds`.
    public var quietSeconds: Double = 5
    public var maximumWaitSeconds: Double = 120
    /// A file counts only once a marker `NAME.ready` is beside it (a scanner or script writes it last).
    public var readyMarker = false
    /// Handled files go to `doneFolder/YYYY-MM-DD/`, files that reached no record to `failedFolder/YYYY-MM-DD/`.
    public var doneFolder: URL
    public var failedFolder: URL
    public var pollSeconds: Double = 1

    /// `done/` and `failed/` beside the inbox, unless given.
    public init(folder: URL, operatorName: String, doneFolder: URL? = nil, failedFolder: URL? = nil) {
        let folder = folder.standardizedFileURL
        self.folder = folder
        self.operatorName = operatorName
        let parent = folder.deletingLastPathComponent()
        self.doneFolder = doneFolder ?? parent.appendingPathComponent("done", isDirectory: true)
        self.failedFolder = failedFolder ?? parent.appendingPathComponent("failed", isDirectory: true)
    }

    /// The inboxes of a YAML file:
    /// ```yaml
    /// inboxes:
    ///   - folder: /srv/scan/poststelle
    ///     profile: posteingang
    ///     operator: Poststelle
    ///     schutzbedarf: normal
    ///     settle-seconds: 5
    ///     quiet-seconds: 5
    ///     ready-marker: false
    ///     done: /srv/scan/erledigt
    ///     failed: /srv/scan/fehler
    /// notify:
    ///   smtp: smtp://127.0.0.1:25
    ///   from: scanctl@rathaus.example
    ///   to: [poststelle@rathaus.example]
    /// ```
    /// Relative folders are read from the file's folder.
    public static func load(_ file: URL) throws -> (inboxes: [InboxSettings], notify: MailSettings?) {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw ScanPipelineError(.watch, path: file.path, "the inboxes file cannot be read")
        }
        let parsed: File
        do { parsed = try YAMLDecoder().decode(File.self, from: text) } catch {
            throw ScanPipelineError(.watch, path: file.path, "is not an inboxes file: \(error)")
        }
        guard !parsed.inboxes.isEmpty else { throw ScanPipelineError(.watch, path: file.path, "names no inbox") }
        let base = file.deletingLastPathComponent()
        func resolved(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        }
        let inboxes = try parsed.inboxes.map { entry in
            var inbox = InboxSettings(folder: resolved(entry.folder), operatorName: entry.operator ?? "scanctl watch",
                                      doneFolder: entry.done.map(resolved), failedFolder: entry.failed.map(resolved))
            inbox.profile = entry.profile
            if let text = entry.schutzbedarf {
                guard let level = Schutzbedarf(rawValue: text) else {
                    throw ScanPipelineError(.watch, path: file.path, "inbox \(entry.folder): schutzbedarf is normal, hoch or sehr-hoch")
                }
                inbox.schutzbedarf = level
            }
            if let seconds = entry.settleSeconds { inbox.settleSeconds = max(0, seconds) }
            if let seconds = entry.quietSeconds { inbox.quietSeconds = max(0, seconds) }
            if let marker = entry.readyMarker { inbox.readyMarker = marker }
            return inbox
        }
        let notify = try parsed.notify.map { entry -> MailSettings in
            guard let url = URL(string: entry.smtp), ["smtp", "smtps"].contains(url.scheme ?? "") else {
                throw ScanPipelineError(.watch, path: file.path, "notify.smtp is an smtp:// or smtps:// address")
            }
            return MailSettings(server: url, from: entry.from, to: entry.to)
        }
        return (inboxes, notify)
    }

    private struct File: Decodable {
        struct Inbox: Decodable {
            var folder: String
            var profile: String?
            var `operator`: String?
            var schutzbedarf: String?
            var settleSeconds: Double?
            var quietSeconds: Double?
            var readyMarker: Bool?
            var done: String?
            var failed: String?

            enum CodingKeys: String, CodingKey {
                case folder, profile, `operator`, schutzbedarf, done, failed
                case settleSeconds = "settle-seconds", quietSeconds = "quiet-seconds", readyMarker = "ready-marker"
            }
        }

        struct Notify: Decodable {
            var smtp: String
            var from: String
            var to: [String]
        }

        var inboxes: [Inbox]
        var notify: Notify?
    }
}
