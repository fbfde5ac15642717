/// The payloads of the audit events that close a quarantined document (xdomea's
/// HistorienProtokollInformation: who, what changed from what to what, and why).
package enum QuarantineAuditPayload {
    /// `quarantine.retried`: the file (the same, a replacement at its path, or the kept copy) was
    /// run through the pipeline again as `retriedAs`.
    package struct Retried: AuditPayload {
        package static let actions: [AuditAction] = [.quarantineRetried]
        package var `operator`: String
        package var previousState: String
        package var state: String
        package var reason: String
        /// Why it had been quarantined.
        package var previousCode: String?
        /// The file run again and its SHA-256.
        package var path: String
        package var sha256: String
        /// A different file (another SHA-256) from the one quarantined.
        package var replacement: Bool
        /// The copy kept in quarantine, because the original was gone.
        package var fromCopy: Bool
        package var retriedAs: String
    }

    /// `quarantine.released`: closed by a person with a reason; no record is made.
    package struct Released: AuditPayload {
        package static let actions: [AuditAction] = [.quarantineReleased]
        package var `operator`: String
        package var previousState: String
        package var state: String
        package var reason: String
        package var code: String?
        package var path: String
    }
}
