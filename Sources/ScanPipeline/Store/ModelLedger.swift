import Foundation

/// Which trained model is in use, and what reviews taught.
///
/// Contract for a backend:
/// - ``recordModelTrained(_:)`` appends the `model.trained` event in its own transaction.
/// - ``newestModelTrained()`` returns the newest `model.trained` event (trail order).
/// - ``reviewedDecisions()`` returns, per document, its newest event of
///   ``AuditAction/settledReviews`` (`document.reviewed`, `document.discarded`) with the
///   text of its non-blank pages in page order, ordered by document id; one read.
/// - ``recentDocumentTexts(limit:)`` returns the recognised text (non-blank pages, in page order,
///   joined by newlines) of up to `limit` documents, the most recently created first, whatever
///   their state; documents without text are left out. One read.
package protocol ModelLedger: Sendable {
    func recordModelTrained(_ event: AuditEntry) async throws
    func newestModelTrained() async throws -> AuditEvent?
    func reviewedDecisions() async throws -> [ReviewedDecision]
    func recentDocumentTexts(limit: Int) async throws -> [String]
}

extension Workspace {
    /// The model ledger, as the domain sees it.
    var modelLedger: any ModelLedger { store }
}

/// A document's newest review and its recognised text.
package struct ReviewedDecision: Sendable {
    package var event: AuditEvent
    package var document: String
    package var pageTexts: [String]

    package init(event: AuditEvent, document: String, pageTexts: [String]) {
        self.event = event
        self.document = document
        self.pageTexts = pageTexts
    }
}
