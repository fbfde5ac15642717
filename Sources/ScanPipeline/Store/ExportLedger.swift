import Foundation

/// What was exported where: the records an export may take, and the `record.exported` events that
/// make repeating an export idempotent.
///
/// Contract for a backend:
/// - ``exportCandidates(states:batchPrefix:)`` lists the documents in one of `states` that have a
///   record, ordered by id.
/// - ``lastExports(target:folder:)`` returns, per record, the payload of its newest
///   `record.exported` event for exactly that target and folder (trail order decides "newest").
/// - ``recordExported(_:event:)`` moves the document from the state it was listed in to the state
///   ``DocumentLifecycle`` computed for `.exported`, guarded (else `stale-state`, `unknown-id`),
///   and appends the event in the same transaction.
package protocol ExportLedger: Sendable {
    func exportCandidates(states: [DocumentState], batchPrefix: String?) async throws -> [ExportCandidate]
    func lastExports(target: String, folder: String) async throws -> [String: Workspace.RecordExported]
    func recordExported(_ move: ExportMove, event: AuditEntry) async throws
    /// Audits the manifest and Transfervermerke an export wrote.
    func exportFilesWritten(event: AuditEntry) async throws
}

extension Workspace {
    /// The export ledger, as the domain sees it.
    var exportLedger: any ExportLedger { store }
}

/// A document an export may take.
package struct ExportCandidate: Sendable, Equatable {
    package var id: String
    package var batch: String
    package var recordPath: String
    package var state: DocumentState

    package init(id: String, batch: String, recordPath: String, state: DocumentState) {
        self.id = id
        self.batch = batch
        self.recordPath = recordPath
        self.state = state
    }
}

/// A record's move on export: from the state it was listed in to the one the lifecycle gives.
package struct ExportMove: Sendable, Equatable {
    package var document: String
    package var expectedState: DocumentState
    package var state: DocumentState
}
