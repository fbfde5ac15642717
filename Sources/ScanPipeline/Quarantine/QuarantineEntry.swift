/// A quarantined document as `scanctl quarantine` shows it: why it was put aside, where the file
/// and the kept copy are, and what became of it.
public struct QuarantineEntry: Sendable, Codable, Equatable {
    /// What became of a quarantined document.
    public enum Status: String, Sendable, Codable {
        /// Waiting for someone to fix the cause and retry it, or release it.
        case open
        /// Closed by a person with a reason; no record.
        case released
        /// Run again as another document (`retriedAs`), which carries on from there.
        case retried
    }

    /// The document id (its first characters, at least 4, name it in the commands).
    public var id: String
    /// The file's path when it was quarantined.
    public var source: String
    public var sha256: String
    public var code: String?
    public var reason: String?
    public var batch: String
    /// The batch's scanning profile and Schutzbedarf, which a retry keeps.
    public var profile: String
    public var schutzbedarf: String
    /// When it was quarantined (UTC).
    public var quarantinedAt: String
    public var status: Status
    /// The document's lifecycle state: quarantined, released or retried.
    public var state: String
    /// The copy kept in the quarantine folder (absolute path), nil when the file could not be copied.
    public var storedAs: String?
    /// The reason file beside it (absolute path).
    public var reasonFile: String
    public var closedAt: String?
    public var closedBy: String?
    public var closeReason: String?
    /// The document the retry became, and its state now (filed, needs-review, quarantined again …).
    public var retriedAs: String?
    public var retriedState: String?

    package init(id: String, source: String, sha256: String, code: String? = nil, reason: String? = nil, batch: String, profile: String, schutzbedarf: String, quarantinedAt: String, status: Status, state: String, storedAs: String? = nil, reasonFile: String, closedAt: String? = nil, closedBy: String? = nil, closeReason: String? = nil, retriedAs: String? = nil, retriedState: String? = nil) {
        self.id = id
        self.source = source
        self.sha256 = sha256
        self.code = code
        self.reason = reason
        self.batch = batch
        self.profile = profile
        self.schutzbedarf = schutzbedarf
        self.quarantinedAt = quarantinedAt
        self.status = status
        self.state = state
        self.storedAs = storedAs
        self.reasonFile = reasonFile
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.closeReason = closeReason
        self.retriedAs = retriedAs
        self.retriedState = retriedState
    }
}

/// One quarantined document in full: the entry, its reason file as kept, whether the file is still
/// at its path (and still the same), and its audit history.
public struct QuarantineDetail: Sendable, Codable, Equatable {
    /// The `.reason.json` kept beside the copy.
    public struct ReasonFile: Sendable, Codable, Equatable {
        public var path: String
        public var sha256: String?
        public var code: String
        public var reason: String
        public var batch: String
        public var time: String
    }

    public var entry: QuarantineEntry
    /// Nil when the reason file is missing or unreadable.
    public var reasonFile: ReasonFile?
    /// Whether a file is at `entry.source` now, and whether it has the quarantined content (a
    /// different one is a replacement that a retry would run).
    public var sourcePresent: Bool
    public var sourceUnchanged: Bool?
    public var copyPresent: Bool
    /// Events about the document, oldest first.
    public var history: [AuditEvent]
}
