/// A batch to open, as its row records it.
struct BatchOpening: Sendable, Equatable {
    var id: String
    var openedAt: String
    var operatorName: String
    var profile: String
    var schutzbedarf: String
    var planVersion: String
}

/// An open batch as ``DocumentStore/closeBatches(_:)`` offers it to the decision.
struct OpenBatch: Sendable {
    var id: String
    /// The states of its documents (nil for a state this version does not know).
    var states: [DocumentState?]
    /// The trail has a `batch.closed` for it already (its row was edited since).
    var closedInTrail: Bool
    /// The trail's last event now.
    var auditHead: RunAuditPayload.BatchClosed.Head
}

/// A document a run left unsettled, with what resuming it needs.
struct UnsettledDocument: Sendable, Equatable {
    var id: String
    var sourceFile: String
    /// The source file's path as recorded.
    var path: String
    var pageCount: Int
    var state: DocumentState?
    var batch: String
    var parent: String?
}

/// A document of a source file, as ingest looks for duplicates and retries.
struct SourceDocument: Sendable, Equatable {
    var id: String
    var state: DocumentState?
    var batch: String
    /// Who released it from quarantine, and why.
    var closedBy: String?
    var closeReason: String?
    /// The document it was retried as.
    var retriedAs: String?
}

/// What was recorded of a source file.
struct SourceFacts: Sendable, Equatable {
    var path: String
    var size: Int
    var format: String?
    /// For an Akte of a delivery: its description and files (the source is then its folder).
    var akte: DeliveryAkte?
}

/// A source file to register; one seen before (quarantined, now retried) keeps its row, with the
/// path it is read from now and what inspecting it found.
struct SourceRegistration: Sendable, Equatable {
    var sha256: String
    var batch: String
    var path: String
    var size: Int
    var format: String?
    var time: String
    /// An Akte of a delivery, recorded with its source.
    var akte: DeliveryAkte?
}

/// Where a quarantined document's file was and where the copy and its reason are kept.
struct QuarantineCopy: Sendable, Equatable {
    var document: String
    var path: String
    var storedAs: String?
    var reasonFile: String
    var time: String
}

/// A quarantined (or released) document a retry may close, as read in the retry's transaction.
struct RetryCandidate: Sendable, Equatable {
    var id: String
    var state: DocumentState?
    var sourceFile: String
    var problemCode: String?
}

/// How a retry closes a quarantine row.
struct QuarantineClosing: Sendable, Equatable {
    var closedAt: String
    var closedBy: String
    var reason: String
    var retriedAs: String
}

/// Everything ingesting one input file commits: rows first, then events, then the retried
/// documents it closes.
struct DocumentRegistration: Sendable {
    var source: SourceRegistration?
    var document: NewDocument?
    var quarantine: QuarantineCopy?
    var events: [AuditEntry]
    var retries: Workspace.RetryRequest?
}

/// A document split at its separator sheets: the parts after the first become new documents.
struct DocumentSplit: Sendable {
    struct Part: Sendable {
        var document: NewDocument
        var pages: [Int]
        var events: [AuditEntry]
    }

    var original: String
    var parts: [Part]
    /// `document.split` on the original, after the parts.
    var event: AuditEntry
}
