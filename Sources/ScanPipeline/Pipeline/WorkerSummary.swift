/// What a `scanctl worker` did until it stopped.
public struct WorkerSummary: Sendable, Codable, Equatable {
    public var worker: String
    /// Documents (with those split from them) claimed from the queue.
    public var claimed = 0
    public var filed = 0
    public var needsReview = 0
    public var quarantined = 0
    /// Given back unfinished when the worker was asked to stop.
    public var released = 0
    /// Taken away: the lease lapsed (the worker was frozen or cut off) and nothing more was written.
    public var leasesLost = 0
    /// Attempts that failed (the document is tried again after a backoff, or quarantined after
    /// the last attempt).
    public var failedAttempts = 0
    /// Attempts the stall watchdog gave up (counted in `failedAttempts` too).
    public var stalled = 0
    /// Leases of dead workers this worker swept back.
    public var swept = 0
    public var pages = 0
    public var seconds = 0.0
    /// Of `seconds`: waiting on the database (claims, renewals, commits, audit appends), summed
    /// over the documents worked on at once.
    public var databaseSeconds = 0.0
    /// Writing the audit head file after commits that appended (the trail's anchor in the store).
    public var headFileSeconds = 0.0
    public var documents: [DocumentOutcome] = []
    public var stopped = false

    public init(worker: String) { self.worker = worker }

    mutating func add(_ run: RunSummary) {
        filed += run.filed
        needsReview += run.needsReview
        quarantined += run.quarantined
        pages += run.pages
        documents += run.documents
    }
}
