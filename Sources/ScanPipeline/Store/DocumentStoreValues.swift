/// A batch to open, as its row records it.
package struct BatchOpening: Sendable, Equatable {
    package var id: String
    package var openedAt: String
    package var operatorName: String
    package var profile: String
    package var schutzbedarf: String
    package var planVersion: String
}

/// An open batch as ``DocumentStore/closeBatches(_:)`` offers it to the decision.
package struct OpenBatch: Sendable {
    package var id: String
    /// The states of its documents (nil for a state this version does not know).
    package var states: [DocumentState?]
    /// The trail has a `batch.closed` for it already (its row was edited since).
    package var closedInTrail: Bool
    /// Inputs named as duplicates while it was ingested (its `file.duplicate` events), whichever
    /// run or host ingested them.
    package var duplicates: Int
    /// The trail's last event now.
    package var auditHead: RunAuditPayload.BatchClosed.Head

    package init(id: String, states: [DocumentState?], closedInTrail: Bool, duplicates: Int, auditHead: RunAuditPayload.BatchClosed.Head) {
        self.id = id
        self.states = states
        self.closedInTrail = closedInTrail
        self.duplicates = duplicates
        self.auditHead = auditHead
    }
}

/// A document a run left unsettled, with what resuming it needs.
package struct UnsettledDocument: Sendable, Equatable {
    package var id: String
    package var sourceFile: String
    /// The source file's path as recorded.
    package var path: String
    package var pageCount: Int
    package var state: DocumentState?
    package var batch: String
    package var parent: String?

    package init(id: String, sourceFile: String, path: String, pageCount: Int, state: DocumentState? = nil, batch: String, parent: String? = nil) {
        self.id = id
        self.sourceFile = sourceFile
        self.path = path
        self.pageCount = pageCount
        self.state = state
        self.batch = batch
        self.parent = parent
    }
}

/// A document of a source file, as ingest looks for duplicates and retries.
package struct SourceDocument: Sendable, Equatable {
    package var id: String
    package var state: DocumentState?
    package var batch: String
    /// Who released it from quarantine, and why.
    package var closedBy: String?
    package var closeReason: String?
    /// The document it was retried as.
    package var retriedAs: String?

    package init(id: String, state: DocumentState? = nil, batch: String, closedBy: String? = nil, closeReason: String? = nil, retriedAs: String? = nil) {
        self.id = id
        self.state = state
        self.batch = batch
        self.closedBy = closedBy
        self.closeReason = closeReason
        self.retriedAs = retriedAs
    }
}

/// What was recorded of a source file.
package struct SourceFacts: Sendable, Equatable {
    package var path: String
    package var size: Int
    package var format: String?
    /// For an Akte of a delivery: its description and files (the source is then its folder).
    package var akte: DeliveryAkte?

    package init(path: String, size: Int, format: String? = nil, akte: DeliveryAkte? = nil) {
        self.path = path
        self.size = size
        self.format = format
        self.akte = akte
    }
}

/// A source file to register; one seen before (quarantined, now retried) keeps its row, with the
/// path it is read from now and what inspecting it found.
package struct SourceRegistration: Sendable, Equatable {
    package var sha256: String
    package var batch: String
    package var path: String
    package var size: Int
    package var format: String?
    package var time: String
    /// An Akte of a delivery, recorded with its source.
    package var akte: DeliveryAkte?
}

/// Where a quarantined document's file was and where the copy and its reason are kept.
package struct QuarantineCopy: Sendable, Equatable {
    package var document: String
    package var path: String
    package var storedAs: String?
    package var reasonFile: String
    package var time: String
}

/// A quarantined (or released) document a retry may close, as read in the retry's transaction.
package struct RetryCandidate: Sendable, Equatable {
    package var id: String
    package var state: DocumentState?
    package var sourceFile: String
    package var problemCode: String?

    package init(id: String, state: DocumentState? = nil, sourceFile: String, problemCode: String? = nil) {
        self.id = id
        self.state = state
        self.sourceFile = sourceFile
        self.problemCode = problemCode
    }
}

/// How a retry closes a quarantine row.
package struct QuarantineClosing: Sendable, Equatable {
    package var closedAt: String
    package var closedBy: String
    package var reason: String
    package var retriedAs: String
}

/// Everything ingesting one input file commits: rows first, then events, then the retried
/// documents it closes.
package struct DocumentRegistration: Sendable {
    package var source: SourceRegistration?
    package var document: NewDocument?
    package var quarantine: QuarantineCopy?
    package var events: [AuditEntry]
    package var retries: Workspace.RetryRequest?
}

/// A document split at its separator sheets: the parts after the first become new documents.
package struct DocumentSplit: Sendable {
    package struct Part: Sendable {
        package var document: NewDocument
        package var pages: [Int]
        package var events: [AuditEntry]
    }

    package var original: String
    package var parts: [Part]
    /// `document.split` on the original, after the parts.
    package var event: AuditEntry
}
