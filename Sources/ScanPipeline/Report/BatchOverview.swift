public import Foundation

/// The Posteingang's view of the workspace: the newest batches with what became of their files and
/// pages, and the counts that call for work. Read in one snapshot by SQL, so that the dashboard
/// costs the same with ten batches as with ten thousand documents.
public struct BatchOverview: Sendable, Equatable {
    public struct Batch: Sendable, Equatable {
        public var id: String
        public var openedAt: String
        public var closedAt: String?
        public var operatorName: String
        public var profile: String
        public var schutzbedarf: String
        public var documents: Int
        public var pages: Int
        public var blankPages: Int
        public var filed: Int
        public var inReview: Int
        /// Documents of the batch still in quarantine (not yet released or retried).
        public var quarantined: Int
        /// Pages the quality gate flagged for rescan.
        public var rescanPages: Int
        /// `sealed`, `written` (unsealed) or `missing`.
        public var transfervermerk: String

        package init(id: String, openedAt: String, closedAt: String? = nil, operatorName: String, profile: String,
                     schutzbedarf: String, documents: Int, pages: Int, blankPages: Int, filed: Int, inReview: Int,
                     quarantined: Int, rescanPages: Int, transfervermerk: String) {
            self.id = id
            self.openedAt = openedAt
            self.closedAt = closedAt
            self.operatorName = operatorName
            self.profile = profile
            self.schutzbedarf = schutzbedarf
            self.documents = documents
            self.pages = pages
            self.blankPages = blankPages
            self.filed = filed
            self.inReview = inReview
            self.quarantined = quarantined
            self.rescanPages = rescanPages
            self.transfervermerk = transfervermerk
        }

        /// Pages per second over the batch's run (opened to closed); nil while it is open or when
        /// it took no measurable time.
        public var pagesPerSecond: Double? {
            guard pages > 0, let closedAt, let opened = Self.parse(openedAt), let closed = Self.parse(closedAt) else { return nil }
            let seconds = closed.timeIntervalSince(opened)
            return seconds > 0 ? Double(pages) / seconds : nil
        }

        static func parse(_ text: String) -> Date? {
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return fractional.date(from: text) ?? ISO8601DateFormatter().date(from: text)
        }
    }

    /// Newest first, at most the number asked for.
    public var batches: [Batch]
    /// Every batch in the workspace, however many are shown.
    public var batchCount: Int
    public var inReview: Int
    public var awaitingApproval: Int
    /// Open quarantine entries in the whole workspace.
    public var quarantined: Int
    /// Pages flagged for rescan in documents not yet filed or discarded.
    public var rescanPages: Int
    /// Every document of the workspace by its state (`filed`, `needs-review`, …).
    public var documentsByState: [String: Int] = [:]
    /// Every page of the workspace.
    public var pages = 0

    package init(batches: [Batch], batchCount: Int, inReview: Int, awaitingApproval: Int, quarantined: Int, rescanPages: Int,
                 documentsByState: [String: Int] = [:], pages: Int = 0) {
        self.batches = batches
        self.batchCount = batchCount
        self.inReview = inReview
        self.awaitingApproval = awaitingApproval
        self.quarantined = quarantined
        self.rescanPages = rescanPages
        self.documentsByState = documentsByState
        self.pages = pages
    }
}
