/// One thing a user may do; a ``Role`` grants a fixed set of them.
public enum Permission: String, Sendable, Codable, CaseIterable {
    /// See batches, their counts and Transfervermerke (the Posteingang).
    case viewBatches = "view-batches"
    /// See today's report.
    case viewReports = "view-reports"
    /// See the review queue and documents.
    case viewQueue = "view-queue"
    /// Accept or reclassify documents (a change may then wait for a second reviewer).
    case review
    /// Approve or reject a change waiting for a second reviewer (four eyes).
    case approve
    /// Discard a document as nicht aktenrelevant.
    case discard
    /// Retry or release quarantined files.
    case handleQuarantine = "handle-quarantine"
    /// Replace pages flagged for rescan by rescanned ones, or accept a flag with a reason.
    case rescan
    /// Aussonderung and disposal at the end of retention: offer records to the archive, read its
    /// Bewertung and receipts, hand records over, destroy records with a deletion protocol.
    case dispose = "dispose"
    /// Draw sample checks (Stichprobe) of a batch and record the visual comparison of a page.
    case qualityCheck = "quality-check"
    /// Release a batch's paper for destruction once its sample checks passed (Freigabe zur
    /// Vernichtung des Papiers).
    case releasePaper = "release-paper"
    /// See documents whose Schutzbedarf the review policy restricts (see ``ReviewPolicy``).
    case viewConfidential = "view-confidential"
    /// Verify and export the audit trail.
    case viewAudit = "view-audit"
    /// Add, disable and change users.
    case manageUsers = "manage-users"
}
