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

        package init(document: String, batch: String, source: String, aktenzeichen: String? = nil, state: String,
                     planCode: String? = nil, suggestedCode: String? = nil, confidence: Double, schutzbedarf: String,
                     pageCount: Int, rescanPages: Int, pendingTo: String? = nil, pendingBy: String? = nil,
                     updatedAt: String = "") {
            self.document = document
            self.batch = batch
            self.source = source
            self.aktenzeichen = aktenzeichen
            self.state = state
            self.planCode = planCode
            self.suggestedCode = suggestedCode
            self.confidence = confidence
            self.schutzbedarf = schutzbedarf
            self.pageCount = pageCount
            self.rescanPages = rescanPages
            self.pendingTo = pendingTo
            self.pendingBy = pendingBy
            self.updatedAt = updatedAt
        }
    }

    public var rows: [Row]
    /// How many documents the filter matches (all pages).
    public var total: Int
    public var query: ReviewQueueQuery

    package init(rows: [Row], total: Int, query: ReviewQueueQuery) {
        self.rows = rows
        self.total = total
        self.query = query
    }

    public var pageCount: Int { max(1, (total + query.pageSize - 1) / query.pageSize) }
}
