/// One page of the review queue, read from the database alone.
public struct ReviewQueuePage: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var document: String
        public var batch: String
        public var source: String
        /// The Aktenzeichen (the delivery's, a cover sheet's, else the first one read from the pages).
        public var aktenzeichen: String?
        public var state: String
        public var planCode: String?
        /// The classifier's best placement and its probability.
        public var suggestedCode: String?
        public var confidence: Double
        public var schutzbedarf: String
        public var pageCount: Int
        /// Pages the quality gate flagged for rescan.
        public var rescanPages: Int
        /// A change waiting for a second reviewer: to where, asked by whom.
        public var pendingTo: String?
        public var pendingBy: String?
        /// When the document last changed (state, placement, a review): what a form shown before it is checked against.
        public var updatedAt: String = ""
    }

    public var rows: [Row]
    /// How many documents the filter matches (all pages).
    public var total: Int
    public var query: ReviewQueueQuery

    public var pageCount: Int { max(1, (total + query.pageSize - 1) / query.pageSize) }
}
