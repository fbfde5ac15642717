import Foundation

/// Where what was put aside is listed and closed.
///
/// Contract for a backend:
/// - ``quarantineEntries()`` lists every document that has a quarantine row, oldest first (then by
///   id), with its storage names relative to the quarantine folder.
/// - ``release(_:decide:)`` is one transaction: it reads the document and its quarantine row, lets
///   the pure `decide` refuse or return the release (the target state computed by
///   ``DocumentLifecycle`` and the event), then moves the document only from the state it read
///   (else `stale-state`), closes the row and appends the event, all or nothing.
package protocol QuarantineLedger: Sendable {
    func quarantineEntries() async throws -> [QuarantineEntry]
    /// The ids of every document with a quarantine row, ordered.
    func quarantinedDocumentIDs() async throws -> [String]
    /// Documents of the source file outside quarantine (open, released or retried).
    func documentsOutsideQuarantine(sourceFile: String) async throws -> Int
    func release(_ document: String,
                 decide: @escaping @Sendable (QuarantineReleaseContext) throws -> QuarantineRelease) async throws
}

extension Workspace {
    /// The quarantine ledger, as the domain sees it.
    var quarantineLedger: any QuarantineLedger { store }
}

/// A quarantined document as the release reads it, inside its transaction.
package struct QuarantineReleaseContext: Sendable, Equatable {
    package var document: String
    package var state: DocumentState
    package var subjects: AuditSubjects
    package var problemCode: String?
    package var path: String
    package var closedBy: String?
    package var closedAt: String?
    package var retriedAs: String?

    package init(document: String, state: DocumentState, subjects: AuditSubjects, problemCode: String? = nil, path: String, closedBy: String? = nil, closedAt: String? = nil, retriedAs: String? = nil) {
        self.document = document
        self.state = state
        self.subjects = subjects
        self.problemCode = problemCode
        self.path = path
        self.closedBy = closedBy
        self.closedAt = closedAt
        self.retriedAs = retriedAs
    }
}

/// A release to commit.
package struct QuarantineRelease: Sendable {
    package var state: DocumentState
    package var closedBy: String
    package var reason: String
    package var audit: AuditEntry
}
