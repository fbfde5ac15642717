public import Foundation

/// How `scanctl worker` (and a run on a shared store) takes documents from the queue.
public struct WorkerOptions: Sendable {
    /// Who claims, in leases and the audit trail: host and process by default.
    public var name: String
    /// Documents worked on at once; also the OCR engines the worker starts.
    public var jobs = 1
    /// How long a claim holds without renewal; renewed every third of it.
    public var lease: Duration = .seconds(60)
    /// Attempts on a document before it goes to quarantine with the last attempt's error.
    public var maxAttempts = 3
    /// The wait before a failed or abandoned document is tried again, doubled per attempt up to
    /// `maxBackoff`.
    public var backoff: Duration = .seconds(10)
    public var maxBackoff: Duration = .seconds(600)
    /// How long a document's work may go without progress (a page recognised, the document
    /// settled) before the attempt is given up: longer than the slowest page's OCR.
    public var stallTimeout: Duration = .seconds(1800)
    /// How often an idle worker looks for work and sweeps expired leases.
    public var poll: Duration = .seconds(2)
    /// End when there is nothing to claim and nothing in hand (a run's own batch, tests,
    /// benchmarks); else run until stopped.
    public var untilIdle = false
    /// Claim only this batch's documents.
    public var batch: String?
    /// Asked to stop (SIGTERM): nothing new is claimed, the pages in flight are committed and the
    /// documents in hand are released for another worker.
    public var stop: RunStop?
    /// Seals the Transfervermerk of a batch whose last document this worker settles.
    public var sealKey: SealKey?

    public init(name: String = WorkerOptions.defaultName) {
        self.name = name
    }

    /// `host:pid`, as job queues name their workers.
    public static var defaultName: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The wait after `attempts` attempts: `backoff`, doubled each time, at most `maxBackoff`.
    func retryDelay(afterAttempts attempts: Int) -> Duration {
        let doubled = backoff * (1 << min(max(attempts - 1, 0), 20))
        return min(doubled, maxBackoff)
    }
}
