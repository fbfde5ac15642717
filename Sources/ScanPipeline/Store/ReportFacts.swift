/// The batches whose id starts with a prefix, their documents and pages, and the events the report
/// counts.
struct ReportFacts: Sendable {
    struct FlaggedPage: Sendable, Equatable {
        var document: String
        var page: Int
        /// The quality gate's findings, as JSON.
        var quality: String
    }

    struct Batch: Sendable, Equatable {
        var id: String
        var openedAt: String
        var closedAt: String?
        var operatorName: String
        var profile: String
        var schutzbedarf: String
        var planVersion: String
        var documents: Int
        var pages: Int
    }

    struct Document: Sendable, Equatable {
        /// Nil: a state this version does not know.
        var state: DocumentState?
        var planCode: String?
        /// The classification as stored (JSON of ``Classification``), nil when it was not classified.
        var classification: String?
    }

    var batches: [Batch]
    var documents: [Document]
    var pages: Int
    var blankPages: Int
    /// Every `transfervermerk.written` event, whatever the prefix.
    var transfervermerkWritten: [AuditEvent]
    /// Pages whose rescan flag is open, with their document's source and state.
    var flaggedPages: [FlaggedPage] = []
    /// Documents by id: source path and state (for the rescan events).
    var sources: [String: (path: String, state: String)] = [:]
    /// The batches' `file.duplicate`, quarantine and review-decision events.
    var events: [AuditEvent]
}
