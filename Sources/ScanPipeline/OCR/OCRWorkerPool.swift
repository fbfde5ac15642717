import Foundation
public import Logging
import Synchronization

/// A fixed set of worker threads, each owning one ``OCREngine`` created once at start-up and reused.
///
/// Tesseract calls block for seconds and a handle is not thread-safe, so each engine lives on a
/// dedicated thread of its own, never on Swift's cooperative pool: async callers suspend while a
/// worker runs their job. Jobs are taken first come, first served.
public final class OCRWorkerPool: Sendable {
    /// The number of worker threads (and engines).
    public let workerCount: Int
    /// The configuration every engine was created with.
    public let configuration: OCRConfiguration
    private let queue: JobQueue
    private let finished: DispatchGroup
    /// The kernel threads of the workers, so a caller can tell that a job ran on one of them.
    private let workerThreads: WorkerThreads

    /// Starts `workers` threads and creates their engines. Throws when an engine cannot be created
    /// (for example when a language's data is missing); no thread is left running then.
    public init(configuration: OCRConfiguration, workers: Int, logger: Logger) async throws {
        precondition(workers > 0, "an OCR pool needs at least one worker")
        self.workerCount = workers
        self.configuration = configuration
        let queue = JobQueue()
        let finished = DispatchGroup()
        let workerThreads = WorkerThreads()
        self.queue = queue
        self.finished = finished
        self.workerThreads = workerThreads

        if workers > 1, ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] != "1" {
            // libgomp reads the variable when it is loaded, so it cannot be set from here.
            logger.warning("OMP_THREAD_LIMIT is not 1: parallel Tesseract engines will compete for cores and run several times slower")
        }

        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<workers {
                    group.addTask {
                        try await withCheckedThrowingContinuation { (ready: CheckedContinuation<Void, any Error>) in
                            finished.enter()
                            let thread = Thread {
                                Thread.current.name = "scanctl-ocr-\(index + 1)"
                                workerThreads.register()
                                Self.workerMain(configuration: configuration, queue: queue, ready: ready)
                                finished.leave()
                            }
                            // Linux threads inherit their creator's name; name this one for
                            // diagnostics, on the object before it starts and from inside (which
                            // names the kernel's thread too).
                            thread.name = "scanctl-ocr-\(index + 1)"
                            thread.stackSize = 16 << 20
                            thread.start()
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            await Self.close(queue, waitingFor: finished)
            throw error
        }
    }

    deinit {
        queue.close()
    }

    /// Runs `job` on the next free worker with that worker's engine and returns its result.
    public func perform<Result: Sendable>(_ job: @escaping @Sendable (OCREngine) throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = queue.push { engine in
                guard let engine else {
                    continuation.resume(throwing: ScanPipelineError(.shutDown, "the OCR workers have been shut down"))
                    return
                }
                continuation.resume(with: Swift.Result { try job(engine) })
            }
            if !accepted {
                continuation.resume(throwing: ScanPipelineError(.shutDown, "the OCR workers have been shut down"))
            }
        }
    }

    /// Whether the calling thread is one of this pool's workers (for tests and diagnostics).
    func isWorkerThread() -> Bool {
        workerThreads.containsCurrent()
    }

    /// Stops taking jobs, lets the running ones finish, fails the queued ones, and returns when every
    /// engine has been freed.
    public func shutdown() async {
        await Self.close(queue, waitingFor: finished)
    }

    private static func close(_ queue: JobQueue, waitingFor finished: DispatchGroup) async {
        queue.close()
        await withCheckedContinuation { continuation in
            finished.notify(queue: .global()) { continuation.resume() }
        }
    }

    private static func workerMain(configuration: OCRConfiguration, queue: JobQueue,
                                   ready: CheckedContinuation<Void, any Error>) {
        let engine: OCREngine
        do {
            engine = try OCREngine(configuration: configuration)
        } catch {
            ready.resume(throwing: error)
            return
        }
        ready.resume()
        while let job = queue.pop() {
            job(engine)
        }
    }
}

/// The pthread ids of a pool's workers.
final class WorkerThreads: Sendable {
    private let ids = Mutex<Set<UInt>>([])

    /// Records the calling thread as a worker.
    func register() {
        let id = UInt(pthread_self())
        ids.withLock { _ = $0.insert(id) }
    }

    func containsCurrent() -> Bool {
        let id = UInt(pthread_self())
        return ids.withLock { $0.contains(id) }
    }
}

/// The jobs waiting for a worker: a FIFO guarded by a condition variable, on which idle workers block.
final class JobQueue: @unchecked Sendable {
    // @unchecked: `jobs` and `closed` are only touched while `condition` is locked.
    /// A job receives the worker's engine, or nil when it is being discarded at shutdown.
    typealias Job = @Sendable (OCREngine?) -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var closed = false

    /// Enqueues `job`; false when the queue is closed.
    func push(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// The next job, blocking while there is none; nil once the queue is closed and empty of work
    /// for this worker.
    func pop() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !closed {
            condition.wait()
        }
        guard head < jobs.count, !closed else { return nil }
        let job = jobs[head]
        head += 1
        if head > 64, head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    /// Closes the queue: waiting workers wake up and stop, queued jobs are discarded (told with nil).
    func close() {
        condition.lock()
        let discarded = closed ? [] : Array(jobs[head...])
        jobs.removeAll()
        head = 0
        closed = true
        condition.broadcast()
        condition.unlock()
        for job in discarded { job(nil) }
    }
}
