/// Rescans of flagged pages, as the store keeps them.
///
/// What a backend must keep: ``commitRescan(_:)`` replaces the pages, the classification and the
/// state, sets the pending record (and the staged PDF's hash) and appends the event in one
/// transaction, only while the document is in `expectedState` and `expectedRevision` (nothing
/// changed it since it was read, not even a review that left its state) with nothing pending; otherwise it
/// throws `staleState` and changes nothing. ``pendingPDF(document:)`` is cleared with the pending
/// record by `ReviewStore.completeRecordRewrite`.
package protocol RescanLedger: Sendable {
    func commitRescan(_ rescan: RescanCommit) async throws
    /// The SHA-256 of the PDF a committed rescan staged, until the rewrite put it in place.
    func pendingPDF(document: String) async throws -> String?
    /// The scanning profile a batch ran with.
    func batchProfile(batch: String) async throws -> String?
    /// What a rescan's commit is checked against: it changes with every change of the document.
    func revision(document: String) async throws -> String?
}

/// One rescan's changes.
package struct RescanCommit: Sendable {
    package struct ReplacedPage: Sendable {
        package var page: StoredPage
        package var wordCount: Int
    }

    package var document: String
    package var expectedState: DocumentState
    package var expectedRevision: String
    package var state: DocumentState
    /// Pages replaced by rescanned ones.
    package var replaced: [ReplacedPage]
    /// Pages whose flag was accepted as it is (their flag is cleared; the history is in the record).
    package var accepted: [Int]
    /// The new classification (JSON), its best probability and code; nil: unchanged.
    package var classification: String?
    package var confidence: Double?
    package var suggestedCode: String?
    /// The record's new metadata, as JSON, for the rewrite.
    package var pendingRecord: String
    package var pendingPDF: String?
    package var event: AuditEntry
}

extension Workspace {
    var rescans: any RescanLedger { store }
}
