/// What a run reports while it works, for a progress display.
public enum RunEvent: Sendable {
    /// The run starts: this many inputs (files, and documents of an interrupted run) to go through.
    case planned(documents: Int)
    /// An entry of the inputs is not processed, with the reason.
    case skipped(SkippedInput)
    /// A file named again whose document an interrupted run had already finished.
    case finishedBefore(path: String, document: String)
    /// Separator sheets split a document into this many further documents.
    case split(document: String, parts: Int)
    /// A document is registered and goes to OCR with this many pages.
    case queued(document: String, pages: Int)
    /// A file's content is already in the workspace (same SHA-256); it is not filed again.
    case duplicate(path: String, document: String)
    /// A file an earlier batch quarantined runs again (not a duplicate): these quarantined
    /// documents are closed as retried in favour of the new one.
    case retrying(path: String, quarantined: [String])
    /// A file given again whose quarantined document was released or retried as a replacement: it
    /// is reported as a duplicate, and this says why.
    case quarantineClosed(path: String, document: String, reason: String)
    /// A file or document was put aside, with the reason.
    case quarantined(path: String, error: ScanPipelineError)
    /// A page was recognised.
    case pageRecognised(document: String, page: Int)
    /// A document reached a settled state.
    case settled(DocumentOutcome)
}

/// Where a document ended up.
public struct DocumentOutcome: Sendable, Codable, Equatable {
    public var document: String
    public var source: String
    public var sha256: String?
    public var state: DocumentState
    public var planCode: String?
    public var planTitle: String?
    public var recordPath: String?
    /// For review: why; for quarantine: the error code and reason.
    public var note: String?
    public var pages: Int
    public var blankPages: Int
}
