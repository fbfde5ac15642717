package import Foundation

/// How a run given a quarantined file again closes the quarantined documents it retries: pure
/// decisions over what the store reads inside the registering transaction, so that the new
/// document, the closed ones and their events change together (``DocumentStore/register(_:)``).
extension Workspace {
    /// A quarantined (or released) document to close because its file runs again.
    package struct RetryClosure: Sendable {
        package var document: String
        package var operatorName: String
        package var reason: String
    }

    /// The documents a newly registered one (`successor`) retries.
    package struct RetryRequest: Sendable {
        package var closures: [RetryClosure]
        package var successor: String
        package var path: String
        package var sha256: String
        /// The file is the copy kept in quarantine (its original is gone).
        package var fromCopy: Bool
        package var batch: String

        /// The move that closes `candidate` as retried, with its `quarantine.retried` event and how
        /// its quarantine row is closed; nil when it is closed already (by a retry that ran first:
        /// it keeps its first successor).
        package func closing(_ closure: RetryClosure, candidate: RetryCandidate,
                     at time: String) -> (transition: DocumentTransition, quarantine: QuarantineClosing)? {
            guard let previous = candidate.state, DocumentLifecycle.allows(.retried, in: previous) else { return nil }
            let payload = QuarantineAuditPayload.Retried(
                operator: closure.operatorName, previousState: previous.rawValue, state: DocumentState.retried.rawValue,
                reason: closure.reason, previousCode: candidate.problemCode, path: path, sha256: sha256,
                replacement: candidate.sourceFile != sha256, fromCopy: fromCopy, retriedAs: successor)
            let event = AuditEntry(actor: .person(closure.operatorName), action: .quarantineRetried,
                                         subjects: AuditSubjects(batch: batch, file: candidate.sourceFile, document: closure.document),
                                         payload: payload)
            guard let transition = try? DocumentTransition(document: closure.document, from: previous, event: .retried,
                                                           events: [event]) else { return nil }
            return (transition, QuarantineClosing(closedAt: time, closedBy: closure.operatorName, reason: closure.reason,
                                                  retriedAs: successor))
        }
    }
}
