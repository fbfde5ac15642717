/// One move of a document's lifecycle, ready to commit: the event, the state it was computed from
/// and the state it leads to (by ``DocumentLifecycle``), the columns that change with it and the
/// audit events that record it.
///
/// A store commits it in one transaction and only while the document is still in `from`: it
/// throws `stale-state` when the document moved on, `unknown-id` when there is no such document.
package struct DocumentTransition: Sendable {
    package let document: String
    package let event: DocumentLifecycle.Event
    package let from: DocumentState
    package let to: DocumentState
    package var changes: DocumentChanges
    package var events: [AuditEntry]

    /// Computes the move with the lifecycle; an event `from` does not allow is `illegal-transition`.
    package init(document: String, from: DocumentState, event: DocumentLifecycle.Event, changes: DocumentChanges = DocumentChanges(),
         events: [AuditEntry]) throws(ScanPipelineError) {
        self.document = document
        self.event = event
        self.from = from
        to = try DocumentLifecycle.target(of: event, from: from)
        self.changes = changes
        self.events = events
    }
}

/// Columns of a document that change with a transition; nil leaves a column as it is.
package struct DocumentChanges: Sendable, Equatable {
    /// The classification as canonical JSON.
    package var classification: String?
    package var planCode: String?
    package var recordPath: String?
    package var problemCode: String?
    package var problem: String?
    /// The review queue's columns, kept with the classification and the record so that the queue
    /// is read without opening files: the best placement's probability and code, and the record's
    /// Schutzbedarf.
    package var confidence: Double?
    package var suggestedCode: String?
    package var schutzbedarf: String?
    /// The document's Aktenzeichen (the delivery's, a cover sheet's, else the first one read), for
    /// the review queue.
    package var aktenzeichen: String?

    package init(classification: String? = nil, planCode: String? = nil, recordPath: String? = nil, problemCode: String? = nil,
         problem: String? = nil, confidence: Double? = nil, suggestedCode: String? = nil, schutzbedarf: String? = nil,
         aktenzeichen: String? = nil) {
        self.aktenzeichen = aktenzeichen
        self.confidence = confidence
        self.suggestedCode = suggestedCode
        self.schutzbedarf = schutzbedarf
        self.classification = classification
        self.planCode = planCode
        self.recordPath = recordPath
        self.problemCode = problemCode
        self.problem = problem
    }
}
