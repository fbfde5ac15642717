/// What a Transfervermerk is built from, as the store holds it (BSI TR-03138: who scanned, what
/// came out, what went wrong). The note itself, its checks and its wording are the library's
/// (`Store/Workspace+Transfervermerk.swift`).
///
/// What a backend must keep: ``facts(ofBatch:)`` reads everything from one snapshot, so that the
/// audit head the note names is the trail as it stood when the counts were taken; lists come in
/// the order they were made (documents and pages as created, events in sequence order, source
/// files as ingested).
protocol TransfervermerkReadModel: Sendable {
    /// Closed batches whose trail records no `transfervermerk.written`, oldest first.
    func batchesAwaitingTransfervermerk() async throws -> [String]

    /// The batch's facts, nil when the workspace does not have the batch.
    func facts(ofBatch batch: String) async throws -> TransfervermerkFacts?
}

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

    var batch: Batch
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
    /// The batch's `batch.opened`, `file.ingested`, `file.skipped` and quarantine events.
    var events: [AuditEvent]
    /// The version of scanctl that wrote the batch's first event.
    var scanctlVersion: String?
    /// The trail's last event as the facts were read.
    var head: AuditHead
}

extension Workspace {
    var transfervermerkFacts: any TransfervermerkReadModel { store }
}
