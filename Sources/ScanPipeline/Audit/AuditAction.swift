/// Every kind of event the audit trail holds. The raw value is what the trail stores and what
/// `audit show` prints; it never changes once written, since a chain's hashes cover it.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    // A run's batch.
    case batchOpened = "batch.opened"
    case batchClosed = "batch.closed"
    // Input files.
    case fileIngested = "file.ingested"
    case fileSkipped = "file.skipped"
    case fileDuplicate = "file.duplicate"
    case fileQuarantined = "file.quarantined"
    // Documents through the pipeline.
    case documentSeparated = "document.separated"
    case documentSplit = "document.split"
    case documentRecognised = "document.recognised"
    case documentClassified = "document.classified"
    case documentQuarantined = "document.quarantined"
    /// A worker's lease on a document (a shared store's queue) expired without renewal and was
    /// swept back: the document is ready again after a backoff.
    case documentLeaseExpired = "document.lease-expired"
    case pageDerived = "page.derived"
    case pageRecognised = "page.recognised"
    // Records.
    case recordWritten = "record.written"
    case recordRewritten = "record.rewritten"
    case recordIntegrityFailed = "record.integrity-failed"
    case recordExported = "record.exported"
    case exportFilesWritten = "export.files.written"
    // Review.
    case reviewRequested = "review.requested"
    case reviewRejected = "review.rejected"
    case documentReviewed = "document.reviewed"
    case documentDiscarded = "document.discarded"
    /// Flagged pages of a record replaced by rescanned ones (old and new page hashes, who).
    case documentRescanned = "document.rescanned"
    /// A page's rescan flag accepted as it is, with the reason.
    case rescanFlagAccepted = "document.rescan-accepted"
    // Aussonderung and disposal at the end of retention.
    /// An Anbieteverzeichnis (xdomea 0501) written: which records were offered, in which process.
    case aussonderungOffered = "aussonderung.offered"
    /// The archive's Bewertungsverzeichnis (0502) read: archivwürdig or kassabel per record.
    case aussonderungEvaluated = "aussonderung.evaluated"
    /// An Aussonderung (0503) written: the archivwürdig records handed over with their files.
    case aussonderungHandedOver = "aussonderung.handed-over"
    /// The archive's receipt read (0504, 0505, 0507 Empfang; 0506 Import per record).
    case aussonderungConfirmed = "aussonderung.confirmed"
    /// A record's files removed with a deletion protocol (Löschprotokoll); its trail stays.
    case recordDisposed = "record.disposed"
    // Sample checks (Stichprobe, TR-RESISCAN).
    /// A sample round drawn from a batch's record pages (seed, rate or count, population, rule, pages).
    case qualitySampleDrawn = "qa.sample-drawn"
    /// A sampled page compared with its paper by a person: in order, or a defect with its kind and note.
    case qualityPageChecked = "qa.page-checked"
    /// The batch's paper released for destruction (Freigabe zur Vernichtung des Papiers).
    case qualityReleased = "qa.released"
    // Quarantine closed by a person.
    case quarantineRetried = "quarantine.retried"
    case quarantineReleased = "quarantine.released"
    // Users and logins.
    case userAdded = "user.added"
    case userDisabled = "user.disabled"
    case userEnabled = "user.enabled"
    case userPasswordChanged = "user.password-changed"
    case userRoleChanged = "user.role-changed"
    case userLoggedIn = "user.logged-in"
    case userLoginRefused = "user.login-refused"
    // The workspace as a whole.
    case transfervermerkWritten = "transfervermerk.written"
    /// The supplement to a batch's Transfervermerk written at the release of its paper: the
    /// sample checks, the rescans since and the release (``TransfervermerkNachtrag``).
    case transfervermerkNachtragWritten = "transfervermerk.nachtrag-written"
    case modelTrained = "model.trained"
    case brokenTrailAccepted = "audit.broken-trail-accepted"
    /// A workspace moved from SQLite into a shared store (`scanctl workspace migrate`).
    case workspaceMigrated = "workspace.migrated"

    /// A file or document was put aside.
    public static let quarantines: [AuditAction] = [.fileQuarantined, .documentQuarantined]
    /// A record's files were (re)written; their hashes are in the payload.
    public static let recordFiles: [AuditAction] = [.recordWritten, .recordRewritten]
    /// Review decisions and requests, for the report.
    public static let reviewDecisions: [AuditAction] = [.documentReviewed, .documentDiscarded, .reviewRequested, .reviewRejected]
    /// A review's last word on a document, what training learns from: placed, or not a record.
    public static let settledReviews: [AuditAction] = [.documentReviewed, .documentDiscarded]
}
