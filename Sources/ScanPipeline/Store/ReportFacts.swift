/// The batches whose id starts with a prefix, their documents and pages, and the events the report
/// counts.
package struct ReportFacts: Sendable {
    package struct FlaggedPage: Sendable, Equatable {
        package var document: String
        package var page: Int
        /// The quality gate's findings, as JSON.
        package var quality: String

        package init(document: String, page: Int, quality: String) {
            self.document = document
            self.page = page
            self.quality = quality
        }
    }

    package struct Batch: Sendable, Equatable {
        package var id: String
        package var openedAt: String
        package var closedAt: String?
        package var operatorName: String
        package var profile: String
        package var schutzbedarf: String
        package var planVersion: String
        package var documents: Int
        package var pages: Int

        package init(id: String, openedAt: String, closedAt: String? = nil, operatorName: String, profile: String,
                     schutzbedarf: String, planVersion: String, documents: Int, pages: Int) {
            self.id = id
            self.openedAt = openedAt
            self.closedAt = closedAt
            self.operatorName = operatorName
            self.profile = profile
            self.schutzbedarf = schutzbedarf
            self.planVersion = planVersion
            self.documents = documents
            self.pages = pages
        }
    }

    package struct Document: Sendable, Equatable {
        /// Nil: a state this version does not know.
        package var state: DocumentState?
        package var planCode: String?
        /// The classification as stored (JSON of ``Classification``), nil when it was not classified.
        package var classification: String?

        package init(state: DocumentState? = nil, planCode: String? = nil, classification: String? = nil) {
            self.state = state
            self.planCode = planCode
            self.classification = classification
        }
    }

    package var batches: [Batch]
    package var documents: [Document]
    package var pages: Int
    package var blankPages: Int
    /// Every `transfervermerk.written` event, whatever the prefix.
    package var transfervermerkWritten: [AuditEvent]
    /// Pages whose rescan flag is open, with their document's source and state.
    package var flaggedPages: [FlaggedPage] = []
    /// Documents by id: source path and state (for the rescan events).
    package var sources: [String: (path: String, state: String)] = [:]
    /// The batches' `file.duplicate`, quarantine and review-decision events.
    package var events: [AuditEvent]

    package init(batches: [Batch], documents: [Document], pages: Int, blankPages: Int, transfervermerkWritten: [AuditEvent],
                 flaggedPages: [FlaggedPage] = [], sources: [String: (path: String, state: String)] = [:], events: [AuditEvent]) {
        self.batches = batches
        self.documents = documents
        self.pages = pages
        self.blankPages = blankPages
        self.transfervermerkWritten = transfervermerkWritten
        self.flaggedPages = flaggedPages
        self.sources = sources
        self.events = events
    }
}
