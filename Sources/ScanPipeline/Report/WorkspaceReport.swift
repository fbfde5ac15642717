public import Foundation

/// What `scanctl report` shows a records manager, gathered from the workspace database and the
/// audit trail (never from the records' files alone).
public struct WorkspaceReport: Sendable {
    public struct Batch: Sendable {
        public var id: String
        public var openedAt: String
        public var closedAt: String?
        public var operatorName: String
        public var profile: String
        public var schutzbedarf: String
        public var planVersion: String
        public var documents: Int
        public var pages: Int
        /// `sealed`, `written` (unsealed) or `missing` (batch still open, or not yet written).
        public var transfervermerk: String
    }

    /// One document's classification, for the charts.
    public struct Classified: Sendable {
        public var confidence: Double
        /// Filed automatically at classification time (else queued for review).
        public var automatic: Bool
    }

    public struct Quarantined: Sendable {
        public var path: String
        public var code: String
        public var reason: String
        public var time: String
    }

    /// What one reviewer did.
    public struct ReviewerActivity: Sendable {
        public var reviewer: String
        public var accepted = 0
        public var reclassified = 0
        /// Changes of others this reviewer approved as the second pair of eyes.
        public var approved = 0
        public var rejected = 0
        public var discarded = 0
        /// Changes this reviewer asked for that waited for a second reviewer.
        public var requested = 0
    }

    public struct InReview: Sendable {
        public var item: ReviewItem
        /// The first page of the record, small, as PNG (nil when it could not be rendered).
        public var thumbnail: Data?
    }

    public var workspace: String
    public var generatedAt: Date
    /// The batch the report is limited to, if any.
    public var batchFilter: String?
    public var batches: [Batch]
    public var documents: Int
    public var pages: Int
    public var blankPages: Int
    public var filedAutomatically: Int
    /// Filed after a review (accepted or reclassified).
    public var filedAfterReview: Int
    public var inReview: Int
    public var awaitingApproval: Int
    public var quarantinedCount: Int
    /// Discarded in review as nicht aktenrelevant: never exported.
    public var discarded = 0
    public var duplicates: Int
    public var classified: [Classified]
    /// Records per main group where they are filed now (code, title, count); "-" for none.
    public var mainGroups: [(code: String, title: String, count: Int)]
    public var reviewQueue: [InReview]
    public var quarantined: [Quarantined]
    public var reviewers: [ReviewerActivity]
    public var audit: AuditTrail.Verification
    /// Pages flagged for rescan: still open, replaced by a rescan, or accepted as they are.
    public var rescans: [RescanLine] = []
    /// Filed or exported records with a page whose flag is unresolved.
    public var recordsWithOpenFlags = 0

    /// One flagged page and what became of it.
    public struct RescanLine: Sendable {
        public var document: String
        public var source: String
        public var page: Int
        public var flags: [String]
        /// `open` (still flagged), `replaced` or `accepted`.
        public var status: String
        public var by: String?
        public var reason: String?
        public var time: String?
        /// The document's state now.
        public var state: String
    }
}
