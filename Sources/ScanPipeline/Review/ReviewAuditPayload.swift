/// The payloads of review events. Their shape follows xdomea's HistorienProtokollInformation: who,
/// what changed from what to what, and why (the event itself says when).
package enum ReviewAuditPayload {
    /// `document.reviewed`: the placement a review gave the document (the trainer reads `code`).
    struct Reviewed: AuditPayload {
        static let actions: [AuditAction] = [.documentReviewed]
        var code: String
        var previousCode: String?
        var previousState: String
        var state: String
        /// `accepted` or `reclassified`.
        var decision: String
        var reviewer: String
        var approvedBy: String?
        var reason: String?
        var approvalReason: String?
        var request: String?
        var planVersion: String
        /// Set when one command reviewed several documents.
        var bulk: String?
    }

    /// `document.discarded`: a review found the document nicht aktenrelevant (advertising, a
    /// receipt of no record value, a duplicate); it is never exported. Who, from what, and why.
    struct Discarded: AuditPayload {
        static let actions: [AuditAction] = [.documentDiscarded]
        var previousCode: String?
        var previousState: String
        var state: String
        /// The classifier's best placement and its probability, as the reviewer saw them.
        var suggestedCode: String?
        var probability: Double?
        var reviewer: String
        var approvedBy: String?
        var reason: String
        var approvalReason: String?
        var request: String?
        var planVersion: String
        var bulk: String?
    }

    /// `review.requested`: a change that waits for a second reviewer.
    struct Requested: AuditPayload {
        static let actions: [AuditAction] = [.reviewRequested]
        var request: String
        var fromCode: String?
        var toCode: String
        var decision: String
        var reviewer: String
        var reason: String
        var rule: String
        var planVersion: String
        var bulk: String?
    }

    /// `review.rejected`: a waiting change turned down (or withdrawn by its requester).
    struct Rejected: AuditPayload {
        static let actions: [AuditAction] = [.reviewRejected]
        var request: String
        var fromCode: String?
        var toCode: String
        var requestedBy: String
        var reviewer: String
        var reason: String
        var withdrawn: Bool
    }

    /// `record.rewritten`: the record's files after a review changed its metadata.
    package struct RecordRewritten: AuditPayload {
        package static let actions: [AuditAction] = [.recordRewritten]
        var record: String
        var planCode: String?
        package var pdfSHA256: String
        package var metadataSHA256: String
    }
}
