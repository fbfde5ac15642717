import Foundation

/// Decides, from one listing of a hot folder after another, which files are complete and when
/// they make a batch. A pure state machine (the time comes in with each listing), so that the
/// rules are tested without waiting.
///
/// A file is complete when it has a final name (not a temporary or lock name that scanners, SMB
/// clients and copy tools use while writing), its size and modification time have stayed the same
/// for the settle time (an empty file: at least a minute, since a scanner may create it before it
/// writes), or, in marker mode, once `NAME.ready` is beside it. What is complete becomes a batch when
/// nothing in the folder has arrived or changed for the quiet time (one batch per scan job), or
/// when a complete file has waited the maximum time.
struct FileSettling: Sendable {
    struct Entry: Sendable, Equatable {
        var name: String
        var size: Int64
        var modified: Date
    }

    struct Settings: Sendable {
        var settleSeconds: Double
        var quietSeconds: Double
        var maximumWaitSeconds: Double
        var readyMarker: Bool
    }

    enum Decision: Sendable, Equatable {
        case wait
        /// These files (names in the folder, in name order) make a batch now.
        case batch([String])
    }

    private struct Seen: Sendable {
        var size: Int64
        var modified: Date
        /// Since when size and time are as they are.
        var since: Date
        /// When it was first complete.
        var completeSince: Date?
    }

    static let markerSuffix = ".ready"
    static let emptyFileSettleSeconds = 60.0

    let settings: Settings
    private var seen: [String: Seen] = [:]
    /// The last time anything in the folder arrived, changed or went.
    private var lastActivity: Date?
    /// Files that are not to be taken again as they are (they could not be moved away): name → (size, time).
    private var setAside: [String: (Int64, Date)] = [:]

    init(settings: Settings) { self.settings = settings }

    /// Names writers use while a file is not complete, and names that are never scans.
    static func isTemporary(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix(".") || lower.hasPrefix("~") || lower.hasSuffix("~") || lower.hasSuffix("#") { return true }
        let suffixes = [".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".filepart", ".lock", ".swp",
                        ".inprogress", ".uploading", ".!sync", ".sb-", markerSuffix]
        return suffixes.contains { lower.hasSuffix($0) } || lower.contains(".sb-")
    }

    /// Takes one listing (the regular files at the top of the folder) at `now`.
    mutating func observe(_ entries: [Entry], now: Date) -> Decision {
        var present: Set<String> = []
        let names = Set(entries.map(\.name))
        for entry in entries {
            present.insert(entry.name)
            if var known = seen[entry.name], known.size == entry.size, known.modified == entry.modified {
                if known.completeSince == nil, isComplete(entry, known: known, names: names, now: now) { known.completeSince = now }
                seen[entry.name] = known
            } else {
                var fresh = Seen(size: entry.size, modified: entry.modified, since: now, completeSince: nil)
                if isComplete(entry, known: fresh, names: names, now: now) { fresh.completeSince = now }
                seen[entry.name] = fresh
                lastActivity = now
            }
        }
        if seen.keys.contains(where: { !present.contains($0) }) { lastActivity = now }
        seen = seen.filter { present.contains($0.key) }
        setAside = setAside.filter { name, value in
            guard let entry = entries.first(where: { $0.name == name }) else { return false }
            return entry.size == value.0 && entry.modified == value.1
        }

        let candidates = entries.filter { isCandidate($0.name, names: names) && setAside[$0.name] == nil }
        let complete = candidates.filter { seen[$0.name]?.completeSince != nil }.map(\.name).sorted()
        guard !complete.isEmpty else { return .wait }
        let quiet = now.timeIntervalSince(lastActivity ?? .distantPast) >= settings.quietSeconds
        let allComplete = complete.count == candidates.count
        let oldest = complete.compactMap { seen[$0]?.completeSince }.min() ?? now
        if (quiet && allComplete) || now.timeIntervalSince(oldest) >= settings.maximumWaitSeconds {
            return .batch(complete)
        }
        return .wait
    }

    /// A file handled but not moved away (a permission problem): not taken again until it changes.
    mutating func setAside(_ entry: Entry) {
        setAside[entry.name] = (entry.size, entry.modified)
    }

    /// A file that may become an input: a final name (in marker mode, with its marker beside it).
    private func isCandidate(_ name: String, names: Set<String>) -> Bool {
        !Self.isTemporary(name) && (!settings.readyMarker || names.contains(name + Self.markerSuffix))
    }

    private func isComplete(_ entry: Entry, known: Seen, names: Set<String>, now: Date) -> Bool {
        guard !Self.isTemporary(entry.name) else { return false }
        if settings.readyMarker { return names.contains(entry.name + Self.markerSuffix) }
        let settle = entry.size == 0 ? max(settings.settleSeconds, Self.emptyFileSettleSeconds) : settings.settleSeconds
        return now.timeIntervalSince(known.since) >= settle
    }
}
