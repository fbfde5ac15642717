/// The result of `scanctl run`.
public struct RunSummary: Sendable, Codable, Equatable {
    public var batch: String
    public var filed = 0
    public var needsReview = 0
    public var quarantined = 0
    /// Files whose content was already in the workspace.
    public var duplicates = 0
    /// Quarantined files of earlier batches this run ran again (each filed, queued or quarantined anew).
    public var retried = 0
    /// Documents of an interrupted earlier run that this run completed.
    public var resumed = 0
    /// Of `quarantined`: files an interrupted run quarantined before it was killed, in a batch this
    /// run completed.
    public var quarantinedBeforeResume = 0
    /// Entries of the inputs that were not processed (hidden names, links leading outside the
    /// folder, FIFOs and devices, unreadable folders), each with its reason.
    public var skipped: [SkippedInput] = []
    public var pages = 0
    public var blankPages = 0
    public var seconds = 0.0
    public var documents: [DocumentOutcome] = []
    /// Nothing was given and nothing was left unfinished: no batch was opened (`batch` names none).
    public var empty = false
    /// Stopped early on request (``RunStop``): what was not started stays for the next run.
    public var stopped = false
    /// On a shared store: documents registered and left to the workers (all of them with
    /// `--enqueue-only`; else those other hosts' workers were still working on at the end).
    public var queued = 0

    public init(batch: String) { self.batch = batch }

    /// Pages recognised per second of the whole run.
    public var pagesPerSecond: Double { seconds > 0 ? Double(pages) / seconds : 0 }
}
