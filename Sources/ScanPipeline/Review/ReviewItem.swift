/// One document as a records manager sees it in the review queue.
public struct ReviewItem: Sendable, Codable, Equatable {
    public var document: String
    public var batch: String
    /// The scanned file's path as it was ingested.
    public var source: String
    /// The record's first Aktenzeichen (an Akte's from its delivery).
    public var aktenzeichen: String?
    /// An Akte of a delivery: it may stay at its Aktenzeichen's node though that has subdivisions.
    public var isAkte: Bool = false
    /// `needs-review`, `filed`, `exported` or `discarded`.
    public var state: String
    /// Where the record is filed now (provisionally, while in review).
    public var planCode: String?
    public var planTitle: String?
    /// The classifier's best placement down to a leaf: what `review accept` files a document in
    /// review under.
    public var suggestion: ClassificationCandidate?
    /// The suggestion's probability (0 when the classifier had none).
    public var confidence: Double
    public var reviewReason: String?
    public var schutzbedarf: String
    /// A reclassification waiting for a second reviewer.
    public var pending: PendingReclassification?
    /// The latest review of the record, if any.
    public var reviewed: RecordMetadata.Review?
    /// The record folder, relative to the workspace.
    public var recordPath: String
}

/// A change of placement that needs a second, different reviewer before it takes effect.
public struct PendingReclassification: Sendable, Codable, Equatable {
    public var id: String
    public var document: String
    public var fromCode: String?
    public var toCode: String
    /// `accepted`, `reclassified` or `discarded`: what the first reviewer did.
    public var decision: String
    public var reason: String
    public var requestedBy: String
    public var requestedAt: String
    /// Why four eyes are needed (`Schutzbedarf hoch`, `plan code 110 is under 11`).
    public var rule: String

    package init(id: String, document: String, fromCode: String? = nil, toCode: String, decision: String, reason: String,
                 requestedBy: String, requestedAt: String, rule: String) {
        self.id = id
        self.document = document
        self.fromCode = fromCode
        self.toCode = toCode
        self.decision = decision
        self.reason = reason
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.rule = rule
    }
}

/// A document in detail, for `scanctl review show`.
public struct ReviewDetail: Sendable, Encodable {
    public var item: ReviewItem
    public var metadata: RecordMetadata
    /// The recognised text (blank pages left out), or its start.
    public var textExcerpt: String
    /// Whether ``textExcerpt`` is only the start of the text.
    public var textIsExcerpt: Bool
    public var pdfPath: String
    /// The document's audit events, oldest first.
    public var history: [AuditEvent]
}

/// What a review did, or with `--dry-run` would do, to one document.
public struct ReviewOutcome: Sendable, Codable, Equatable {
    public enum Result: String, Sendable, Codable {
        /// Filed where it was; the review confirmed it.
        case confirmed
        /// Filed under a different node.
        case reclassified
        /// Waiting for a second reviewer (`review approve`).
        case awaitingApproval = "awaiting-approval"
        /// A second reviewer approved the waiting change: it took effect.
        case approved
        /// The waiting change was rejected (or withdrawn by its requester): nothing changed.
        case rejected
        /// Discarded as nicht aktenrelevant: never exported.
        case discarded
    }

    public var document: String
    public var source: String
    public var from: String?
    public var to: String?
    public var result: Result
    /// Why four eyes are needed, when they are.
    public var rule: String?
}

/// What a review does to the documents it is given.
public enum ReviewAction: Sendable, Equatable {
    /// Confirms a filed document's placement, or files a document in review under the
    /// classifier's suggestion.
    case accept
    /// Files the documents under this plan node (a leaf that is not closed).
    case reclassify(to: String)
}
