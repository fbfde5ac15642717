import Foundation

/// What the trail recorded about each record's files, for checking them whenever they are read.
///
/// Contract for a backend:
/// - ``recordedFiles(document:)`` returns, per record, the hashes of its newest `record.written`
///   or `record.rewritten` event (trail order); an event whose payload does not decode records
///   nothing (the record counts as unrecorded).
/// - ``auditIntegrityFailures(document:events:)`` appends every finding's event in one
///   transaction, with the document's subjects as stored.
package protocol RecordIntegrityLedger: Sendable {
    func recordedFiles(document: String?) async throws -> [String: Workspace.RecordedFiles]
    /// The record folder (relative to the workspace) and what the trail recorded; nil when the
    /// document has no record.
    func recordState(document: String) async throws -> (folder: String, recorded: Workspace.RecordedFiles?)?
    /// Every document with a record whose files are in the workspace (not archived or disposed of),
    /// and its folder, ordered by id.
    func recordFolders() async throws -> [(id: String, folder: String)]
    func auditIntegrityFailures(document: String, actor: AuditActor, findings: [Workspace.IntegrityFailed]) async throws
}

extension Workspace {
    /// The record-integrity ledger, as the domain sees it.
    var recordIntegrity: any RecordIntegrityLedger { store }
}
