package import Foundation

/// Where the review queue, four-eyes requests and pending record rewrites are kept.
///
/// Contract for a backend:
/// - Each method is one transaction; a change and the audit event passed with it commit together
///   or not at all.
/// - ``applyReview(_:fourEyes:event:)`` moves the document only from `expectedState` with no record
///   rewrite pending (else `stale-state`, or `unknown-id` for a document that is not there); with an
///   approval it decides the request in the same transaction, only while it is pending
///   (``ReviewRequestLifecycle``: else `illegal-transition`), after `fourEyes` accepted the
///   request as read inside that transaction.
/// - ``requestChange(_:event:)`` keeps at most one pending request per document.
/// - ``decideRequest(_:document:decision:)`` reads the request inside the transaction, lets the
///   pure `decision` say what becomes of it, and writes only while it is still pending.
/// - Listings are ordered as documented at each method; request statuses are
///   ``ReviewRequestState`` values.
package protocol ReviewStore: Sendable {
    /// Documents with a record (or the one named), oldest batch first, then by source path and id;
    /// with every pending request.
    func reviewListing(document: String?) async throws -> ReviewListing
    /// One page of the review queue (documents with a record matching `query`, in its sort order,
    /// ties by arrival), with how many match in all; only Schutzbedarf `levels` (nil: any).
    func reviewQueue(_ query: ReviewQueueQuery, levels: [String]?) async throws -> ReviewQueuePage
    /// Every id `query` matches, in its order (all pages).
    func reviewQueueIDs(_ query: ReviewQueueQuery, levels: [String]?) async throws -> [String]
    /// Every document id (only those with a record, when `withRecord`), ordered.
    func documentIDs(withRecord: Bool) async throws -> [String]
    /// The recognised text of the document's non-blank pages, in page order.
    func recognisedText(document: String) async throws -> [String]
    /// The batch and source file of a document, for its events; nil when it is not there.
    func auditSubjects(document: String) async throws -> AuditSubjects?
    /// Where the document's record is and the rewrite pending for it; nil when it is not there.
    func recordPlacement(document: String) async throws -> RecordPlacement?
    /// Documents whose record rewrite is pending (a crash came between review and rewrite), ordered.
    func documentsWithPendingRecord() async throws -> [String]
    /// Files a pending four-eyes request; refused (`review`) while another is pending for the document.
    func requestChange(_ request: ReviewChangeRequest, event: AuditEntry) async throws
    /// Rejects or withdraws a request: `decision` sees the request as stored and says how.
    func decideRequest(_ id: String, document: String,
                       decision: @escaping @Sendable (PendingReclassification) throws -> ReviewRequestDecision) async throws
    /// Files the document as reviewed (its state, plan code and pending record) with its event.
    func applyReview(_ review: ReviewApplication,
                     fourEyes: @escaping @Sendable (PendingReclassification) throws -> Void,
                     event: AuditEntry) async throws
    /// Clears the pending rewrite once the record's files are rewritten, with its event.
    func completeRecordRewrite(document: String, event: AuditEntry) async throws
}

extension Workspace {
    /// The review store, as the domain sees it.
    var reviews: any ReviewStore { store }
}

/// The review list's read model.
package struct ReviewListing: Sendable {
    package struct Row: Sendable, Equatable {
        package var id: String
        package var batch: String
        package var state: String
        package var recordPath: String
        package var sourcePath: String
        /// The stored classification as JSON.
        package var classification: String?

        package init(id: String, batch: String, state: String, recordPath: String, sourcePath: String,
                     classification: String? = nil) {
            self.id = id
            self.batch = batch
            self.state = state
            self.recordPath = recordPath
            self.sourcePath = sourcePath
            self.classification = classification
        }
    }

    package var rows: [Row]
    package var pending: [PendingReclassification]

    package init(rows: [Row], pending: [PendingReclassification]) {
        self.rows = rows
        self.pending = pending
    }
}

/// Where a record is, and the metadata a review has committed but not yet written into its files.
package struct RecordPlacement: Sendable, Equatable {
    package var recordPath: String?
    package var pendingRecord: String?

    package init(recordPath: String? = nil, pendingRecord: String? = nil) {
        self.recordPath = recordPath
        self.pendingRecord = pendingRecord
    }
}

/// A change that needs a second reviewer.
package struct ReviewChangeRequest: Sendable, Equatable {
    package var id: String
    package var document: String
    package var fromCode: String?
    package var toCode: String
    package var decision: String
    package var reason: String
    package var requestedBy: String
    package var requestedAt: Date
    package var rule: String
    package var planVersion: String
}

/// What becomes of a pending request that is not approved.
package struct ReviewRequestDecision: Sendable {
    /// `.reject` or `.withdraw`.
    package var transition: ReviewRequestLifecycle.Event
    package var decidedBy: String
    package var reason: String
    package var audit: AuditEntry
}

/// A review to commit: the document moves from `expectedState` to `state` (computed by
/// ``DocumentLifecycle``), filed under `planCode` (nil: none, as a discarded document may have
/// had), with the record's new metadata pending.
package struct ReviewApplication: Sendable, Equatable {
    package struct Approval: Sendable, Equatable {
        package var request: String
        package var decidedBy: String
        package var reason: String?
    }

    package var document: String
    package var expectedState: DocumentState
    package var state: DocumentState
    package var planCode: String?
    package var pendingRecord: String
    /// The record's Schutzbedarf after the review (a review never lowers it).
    package var schutzbedarf: String
    /// The pending request this review approves, if it is one.
    package var approval: Approval?
}
