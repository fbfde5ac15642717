/// One batch as the store holds it, for its Transfervermerk.
package struct TransfervermerkFacts: Sendable, Equatable {
    package struct Batch: Sendable, Equatable {
        package var id: String
        package var operatorName: String
        package var profile: String
        package var schutzbedarf: String
        package var openedAt: String
        package var closedAt: String?
        package var planVersion: String

        package init(id: String, operatorName: String, profile: String, schutzbedarf: String, openedAt: String,
                     closedAt: String? = nil, planVersion: String) {
            self.id = id
            self.operatorName = operatorName
            self.profile = profile
            self.schutzbedarf = schutzbedarf
            self.openedAt = openedAt
            self.closedAt = closedAt
            self.planVersion = planVersion
        }
    }

    package struct Page: Sendable, Equatable {
        package var document: String
        package var number: Int
        package var imageSHA256: String
        package var blank: Bool
        package var meanConfidence: Double?
        package var separator: Bool?
        /// Why the quality gate flagged it for rescan (nil when it was not checked).
        package var rescan: [String]?

        package init(document: String, number: Int, imageSHA256: String, blank: Bool, meanConfidence: Double? = nil,
                     separator: Bool? = nil, rescan: [String]? = nil) {
            self.document = document
            self.number = number
            self.imageSHA256 = imageSHA256
            self.blank = blank
            self.meanConfidence = meanConfidence
            self.separator = separator
            self.rescan = rescan
        }
    }

    /// A document of the batch, with its source.
    package struct Document: Sendable, Equatable {
        package var id: String
        package var sourceFile: String
        package var sourcePath: String
        package var state: DocumentState?
        package var aktenzeichen: String?
        package var planCode: String?
        package var pageCount: Int
        package var hasRecord: Bool
        /// The Akte the source is, for a delivery.
        package var akte: DeliveryAkte?

        package init(id: String, sourceFile: String, sourcePath: String, state: DocumentState? = nil,
                     aktenzeichen: String? = nil, planCode: String? = nil, pageCount: Int, hasRecord: Bool,
                     akte: DeliveryAkte? = nil) {
            self.id = id
            self.sourceFile = sourceFile
            self.sourcePath = sourcePath
            self.state = state
            self.aktenzeichen = aktenzeichen
            self.planCode = planCode
            self.pageCount = pageCount
            self.hasRecord = hasRecord
            self.akte = akte
        }
    }

    package var batch: Batch
    /// The batch's documents in the order they were created.
    package var documents: [Document] = []
    /// The state of each document of the batch (nil: a state this version does not know).
    package var documentStates: [DocumentState?]
    /// Pages of the batch's documents, document by document.
    package var pages: [Page]
    /// Pages of files quarantined whole (documents put aside before they were split; released or
    /// retried since, or not).
    package var quarantinedFilePages: Int
    /// Pages recognised in every other document.
    package var pagesOutsideQuarantinedFiles: Int
    /// Files ingested by the batch, and files of an earlier batch retried in this one.
    package var sourceFiles: [Transfervermerk.SourceFile]
    /// The batch's `batch.opened`, `file.ingested`, `file.skipped`, `page.derived` and quarantine events.
    package var events: [AuditEvent]
    /// The version of scanctl that wrote the batch's first event.
    package var scanctlVersion: String?
    /// The trail's last event as the facts were read.
    package var head: AuditHead

    package init(batch: Batch, documents: [Document] = [], documentStates: [DocumentState?], pages: [Page],
                 quarantinedFilePages: Int, pagesOutsideQuarantinedFiles: Int, sourceFiles: [Transfervermerk.SourceFile],
                 events: [AuditEvent], scanctlVersion: String? = nil, head: AuditHead) {
        self.batch = batch
        self.documents = documents
        self.documentStates = documentStates
        self.pages = pages
        self.quarantinedFilePages = quarantinedFilePages
        self.pagesOutsideQuarantinedFiles = pagesOutsideQuarantinedFiles
        self.sourceFiles = sourceFiles
        self.events = events
        self.scanctlVersion = scanctlVersion
        self.head = head
    }
}
