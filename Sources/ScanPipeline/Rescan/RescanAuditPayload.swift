/// The payloads of rescan events: who, which pages with their old and new image hashes and what
/// the quality gate found, from which file, and why.
enum RescanAuditPayload {
    /// `document.rescanned`: flagged pages replaced by rescanned ones; the document goes to review.
    struct Rescanned: AuditPayload {
        static let actions: [AuditAction] = [.documentRescanned]
        var by: String
        var previousState: String
        var state: String
        var reason: String?
        var file: String
        var fileSHA256: String
        var pages: [RecordMetadata.Rescan.Page]
        /// The new classification's best placement.
        var suggestedCode: String?
    }

    /// `document.rescan-accepted`: flags accepted as they are, with the reason.
    struct Accepted: AuditPayload {
        static let actions: [AuditAction] = [.rescanFlagAccepted]
        var by: String
        var state: String
        var reason: String
        var pages: [RecordMetadata.Rescan.Page]
    }
}
