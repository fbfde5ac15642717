/// The one error type of ScanPipeline: a stable code, the file concerned (if any) and a human reason.
///
/// Codes are stable so that scripts, quarantine records and audit events can match on them;
/// the message always names the file and says why it failed.
public struct ScanPipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable identifiers for every kind of failure ScanPipeline reports.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The file does not exist or cannot be opened.
        case unreadableFile = "unreadable-file"
        /// The file has zero bytes.
        case emptyFile = "empty-file"
        /// The content is not a format scanctl reads (whatever the extension says).
        case unsupportedFormat = "unsupported-format"
        /// The format was recognised but the content is damaged or cut off.
        case corruptFile = "corrupt-file"
        /// A page is larger than the configured pixel limit.
        case imageTooLarge = "image-too-large"
        /// The PDF is encrypted or password-protected.
        case encryptedPDF = "encrypted-pdf"
        /// The PDF could not be opened or rasterised.
        case pdfRasterisation = "pdf-rasterisation"
        /// A page number outside the file's pages was requested.
        case pageOutOfRange = "page-out-of-range"
        /// Tesseract could not be started (missing language data, bad data path).
        case engineInitialisation = "engine-initialisation"
        /// Tesseract failed on a page.
        case recognition = "recognition"
        /// A helper program (Poppler's tools) is missing or failed.
        case externalTool = "external-tool"
        /// The worker pool was shut down while work was pending.
        case shutDown = "shut-down"
        /// A record's PDF/A cannot be assembled: a page PDF is unreadable, qpdf failed, or no sRGB
        /// ICC profile (icc-profiles-free) is installed for the output intent.
        case archivalPDF = "archival-pdf"
        /// Every page of the document is blank: there is nothing to file.
        case emptyDocument = "empty-document"
        /// The source file changed after it was ingested (its SHA-256 differs).
        case changedFile = "changed-file"
        /// A labelled corpus (`docs/<id>.txt` + `labels.csv`) is missing or malformed.
        case invalidCorpus = "invalid-corpus"
        /// A classification model file is unreadable, of another format, or altered after training.
        case invalidModel = "invalid-model"
        /// Training cannot start: too few labelled documents or classes, or a label not in the plan.
        case training = "training"
        /// An export cannot be written: a record file is missing or unreadable, a mapping file is
        /// broken, the output folder cannot be written.
        case export = "export"
        /// A seal key cannot be read, or a Transfervermerk or its seal is missing or does not verify.
        case seal = "seal"
        /// A review cannot be done: unknown or ambiguous document, a plan code records cannot be
        /// filed under, a missing reason, the same reviewer approving their own change, a broken
        /// review policy.
        case review = "review"
        /// A quarantined file cannot be retried or released: unknown or ambiguous id, already
        /// closed, no reason, neither the file nor its kept copy left, or part of a file whose other
        /// documents are filed.
        case quarantine = "quarantine"
        /// The workspace folder or its database cannot be created, opened or written.
        case workspace = "workspace"
        /// Another scanctl process holds the workspace's lock (a run, a review, an export).
        case lockHeld = "lock-held"
        /// A document or review request would make a move its lifecycle does not allow (from a
        /// state to one that is not its successor, or to the state it is in).
        case illegalTransition = "illegal-transition"
        /// A document is no longer in the state the change was computed from: someone else changed
        /// it in between. Nothing was written; read it again and retry.
        case staleState = "stale-state"
        /// A worker's lease on a document lapsed (it was frozen or cut off for longer than the
        /// lease) or another worker took the document over: nothing was written.
        case leaseLost = "lease-lost"
        /// A shared store's workers tried a document as often as they may, and none finished it.
        case attemptsExhausted = "attempts-exhausted"
        /// No document, batch, record or request has this id.
        case unknownID = "unknown-id"
        /// A record file is missing or differs from the SHA-256 the audit trail recorded when it was
        /// written: it was changed outside scanctl.
        case recordIntegrity = "record-integrity"
        /// The audit trail does not verify (broken chain, cut end, missing anchor, dropped triggers,
        /// tables the trail does not account for), or a Transfervermerk would be overwritten.
        case brokenTrail = "broken-trail"
        /// The workspace's storage failed while the run wrote to it: the disk is full, the file
        /// system is read-only, the database is gone. Not the input's fault: the run stops (exit
        /// 2), nothing half-written stays, and the next run completes the batch.
        case storage = "storage"
        /// The German stemmer the statistical layer needs (libstemmer) cannot be loaded: a broken
        /// installation, reported where a classifier or a training run is set up.
        case stemmerUnavailable = "stemmer-unavailable"
        /// The German word list that compound splitting needs (Hunspell's de_DE dictionary, Debian
        /// package hunspell-de-de) is missing or unreadable.
        case dictionaryUnavailable = "dictionary-unavailable"
        /// A user cannot be added, changed or authenticated: a taken or invalid name, a password
        /// too short, an unknown or disabled user, a wrong password, no user for the
        /// operating-system account.
        case identity = "identity"
        /// The user's role does not allow the action.
        case forbidden = "forbidden"
        /// A hot folder cannot be watched: missing, not a folder, its done or failed folder not
        /// writable, an invalid inboxes file.
        case watch = "watch"
        /// A notification could not be sent (the SMTP server refused or did not answer).
        case notification = "notification"
        /// A rescan cannot replace the pages: wrong page numbers, a file with another number of
        /// pages, a document in a state that has no record to rewrite.
        case rescan = "rescan"
        /// Retention or disposal cannot be done: a date that is not a date, a record not yet due,
        /// an A record or one the archive has not judged kassabel, no reason.
        case retention = "retention"
        /// An xdomea Aussonderung message cannot be written or read: no records to offer or hand
        /// over, a 0502 or receipt that does not validate, names an unknown record or another process.
        case aussonderung = "aussonderung"
        /// A sample check (Stichprobe) cannot be done: a page not in a drawn sample, a round while the
        /// last is unchecked, a rate or count the batch cannot give, a defect without a note, a
        /// release while the batch has not passed or a defect, a rescan flag or a quarantined file is
        /// open, a batch released already.
        case qualityCheck = "quality-check"
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// The file concerned, if the error is about a file.
    public var path: String?
    /// The reason in plain words.
    public var reason: String
    /// The underlying failure this error stands for, as text (an I/O error, a SQLite message, a
    /// helper tool's output), kept for logs and audit events; not part of `description`.
    public var cause: String?
    /// For a database failure, the backend's result code as text (SQLite: `SQLITE_FULL`, `13`),
    /// so that no database type appears in the API.
    public var resultCode: String?

    /// Creates an error with a code, a reason and optionally the file it concerns and the
    /// underlying cause.
    public init(_ code: Code, path: String? = nil, _ reason: String, cause: String? = nil, resultCode: String? = nil) {
        self.code = code
        self.path = path
        self.reason = reason
        self.cause = cause
        self.resultCode = resultCode
    }

    /// The error with the underlying failure kept as its cause (its description, for any error).
    public func causedBy(_ underlying: any Error) -> ScanPipelineError {
        var copy = self
        copy.cause = String(describing: underlying)
        return copy
    }

    /// Two errors are the same failure when code, file and reason agree: the cause is diagnostic
    /// detail (an errno text, a SQLite message) that may differ between two runs of the same failure.
    public static func == (lhs: ScanPipelineError, rhs: ScanPipelineError) -> Bool {
        lhs.code == rhs.code && lhs.path == rhs.path && lhs.reason == rhs.reason
    }

    /// `path: reason [code]`, or `reason [code]` when no file is concerned.
    public var description: String {
        if let path { return "\(path): \(reason) [\(code.rawValue)]" }
        return "\(reason) [\(code.rawValue)]"
    }
}
