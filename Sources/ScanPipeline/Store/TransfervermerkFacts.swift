/// One batch as the store holds it, for its Transfervermerk.
struct TransfervermerkFacts: Sendable, Equatable {
    struct Batch: Sendable, Equatable {
        var id: String
        var operatorName: String
        var profile: String
        var schutzbedarf: String
        var openedAt: String
        var closedAt: String?
        var planVersion: String
    }

    struct Page: Sendable, Equatable {
        var document: String
        var number: Int
        var imageSHA256: String
        var blank: Bool
        var meanConfidence: Double?
        var separator: Bool?
        /// Why the quality gate flagged it for rescan (nil when it was not checked).
        var rescan: [String]?
    }

    /// A document of the batch, with its source.
    struct Document: Sendable, Equatable {
        var id: String
        var sourceFile: String
        var sourcePath: String
        var state: DocumentState?
        var aktenzeichen: String?
        var planCode: String?
        var pageCount: Int
        var hasRecord: Bool
        /// The Akte the source is, for a delivery.
        var akte: DeliveryAkte?
    }

    var batch: Batch
    /// The batch's documents in the order they were created.
    var documents: [Document] = []
    /// The state of each document of the batch (nil: a state this version does not know).
    var documentStates: [DocumentState?]
    /// Pages of the batch's documents, document by document.
    var pages: [Page]
    /// Pages of files quarantined whole (documents put aside before they were split; released or
    /// retried since, or not).
    var quarantinedFilePages: Int
    /// Pages recognised in every other document.
    var pagesOutsideQuarantinedFiles: Int
    /// Files ingested by the batch, and files of an earlier batch retried in this one.
    var sourceFiles: [Transfervermerk.SourceFile]
    /// The batch's `batch.opened`, `file.ingested`, `file.skipped`, `page.derived` and quarantine events.
    var events: [AuditEvent]
    /// The version of scanctl that wrote the batch's first event.
    var scanctlVersion: String?
    /// The trail's last event as the facts were read.
    var head: AuditHead
}
