public import FilePlan

/// What `scanctl run` was asked to do.
public struct RunConfiguration: Sendable {
    /// Files and folders to ingest (folders: every file below, in name order).
    public var inputs: [String]
    /// The person responsible for the batch, named in the audit trail.
    public var operatorName: String
    /// The scanner profile used (e.g. `mailroom-300dpi-grey`), for the Transfervermerk.
    public var profile: String
    /// The batch's protection need; a record gets at least this.
    public var schutzbedarf: Schutzbedarf
    /// OCR workers (one Tesseract engine each).
    public var workers: Int
    public var ocr: OCRConfiguration
    /// The version of scanctl, recorded with every event the pipeline writes.
    public var softwareVersion: String
    /// Split a source file at separator sheets (Patch T, Patch 2) into several documents.
    public var separateAtSeparatorSheets = true
    /// Also split at blank pages (simplex scanning, where a blank sheet separates documents); a
    /// page counts as blank when it carries no text: punch holes and scanner streaks are not text.
    public var separateAtBlankPages = false
    /// When a page counts as blank (left out of records; a separator with blank-page separation).
    public var blankPages = BlankPagePolicy()
    /// More pages than this in one document is flagged for review (a missed separator sheet?).
    public var maximumPagesPerDocument = 50
    /// The per-page checks; a page that fails one is flagged for rescan.
    public var quality = PageQualityGate()
    /// Quarantined documents to retry (`scanctl quarantine retry`): document id by the input path
    /// of the file to run for it (the original, a replacement at its place, or the kept copy). A
    /// file a run is given that an earlier batch quarantined is retried without being named here.
    public var retrying: [String: String] = [:]
    /// Go on although the audit trail does not verify; the acceptance is audited with its problems
    /// and the operator's name. Without it, a run on a broken trail stops before writing anything.
    public var acceptBrokenTrail = false
    /// Asked to stop early (see ``RunStop``); nil: the run goes to the end.
    public var stop: RunStop?
    /// The raw bytes of inputs whose names are not UTF-8, by the form `inputs` shows them in
    /// (`shownPath(bytes:)`).
    public var inputBytes: [String: [UInt8]] = [:]
    /// A file with more pages than this is scheduled after the other files of the run, so that it
    /// does not hold them back.
    public var largeFilePages = 200
    /// The inputs are a contractor's delivery, read into Akten (one document each); nil: files.
    public var delivery: DeliveryOptions?
    /// On a shared store: register and enqueue the batch only, for `scanctl worker` on any host
    /// to process; without it the run also works on its batch as a worker does.
    public var enqueueOnly = false
    /// How a run on a shared store works on its own batch (its lease, attempts, backoff).
    public var worker = WorkerOptions()

    /// How an input given as bytes that are not UTF-8 is shown and recorded: `\xHH` for each bad byte.
    public static func shownPath(bytes: [UInt8]) -> String { RawPath(bytes: bytes).shown }

    public init(inputs: [String], operatorName: String, profile: String = "default", schutzbedarf: Schutzbedarf = .normal,
                workers: Int, ocr: OCRConfiguration = OCRConfiguration(), softwareVersion: String) {
        self.inputs = inputs
        self.operatorName = operatorName
        self.profile = profile
        self.schutzbedarf = schutzbedarf
        self.workers = workers
        self.ocr = ocr
        self.softwareVersion = softwareVersion
    }
}
