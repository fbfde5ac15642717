/// The payloads of the audit events that close a quarantined document (xdomea's
/// HistorienProtokollInformation: who, what changed from what to what, and why).
enum QuarantineAuditPayload {
    /// `quarantine.retried`: the file (the same, a replacement at its path, or the kept copy) was
    /// run through the pipeline again as `retriedAs`.
    struct Retried: AuditPayload {
        static let actions: [AuditAction] = [.quarantineRetried]
        var `operator`: String
        var previousState: String
        var state: String
        var reason: String
        /// Why it had been quarantined.
        var previousCode: String?
        /// The file run again and its SHA-256.
        var path: String
        var sha256: String
        /// A different file (another SHA-256) from the one quarantined.
        var replacement: Bool
        /// The copy kept in quarantine, because the original was gone.
        var fromCopy: Bool
        var retriedAs: String
    }

    /// `quarantine.released`: closed by a person with a reason; no record is made.
    struct Released: AuditPayload {
        static let actions: [AuditAction] = [.quarantineReleased]
        var `operator`: String
        var previousState: String
        var state: String
        var reason: String
        var code: String?
        var path: String
    }
}
