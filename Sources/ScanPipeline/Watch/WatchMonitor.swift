public import Foundation
import Synchronization

/// What the watchers of one process did, for `/metrics` and `/healthz`: counters since the start,
/// the last batch, the last error. Written by the watchers, read by the HTTP handlers.
public final class WatchMonitor: Sendable {
    /// One inbox's figures.
    public struct Inbox: Sendable, Equatable {
        public var folder: String
        /// Files in the folder not yet taken (still being written, or waiting for the batch).
        public var waiting = 0
        public var batches = 0
        public var filesDone = 0
        public var filesFailed = 0
        public var pages = 0
        /// Documents by outcome: filed, needs-review, quarantined, duplicate.
        public var documents: [String: Int] = [:]
        public var lastBatchPagesPerSecond = 0.0
        public var lastPoll: Date?
        /// A batch is running now.
        public var running = false
    }

    public struct Status: Sendable, Equatable {
        public var startedAt: Date
        public var inboxes: [Inbox]
        public var lastError: String?
        public var lastErrorAt: Date?
        public var notificationsSent = 0
        public var notificationsFailed = 0
    }

    private let state: Mutex<Status>

    public init(folders: [String], now: Date = Date()) {
        state = Mutex(Status(startedAt: now, inboxes: folders.map { Inbox(folder: $0) }))
    }

    public var status: Status { state.withLock { $0 } }

    /// Healthy while every watcher has looked at its folder lately (or is running a batch).
    public func isHealthy(now: Date = Date(), within seconds: Double) -> Bool {
        status.inboxes.allSatisfy { inbox in
            inbox.running || inbox.lastPoll.map { now.timeIntervalSince($0) <= seconds } ?? (now.timeIntervalSince(status.startedAt) <= seconds)
        }
    }

    func update(_ folder: String, _ change: (inout Inbox) -> Void) {
        state.withLock { status in
            guard let index = status.inboxes.firstIndex(where: { $0.folder == folder }) else { return }
            change(&status.inboxes[index])
        }
    }

    func failed(_ message: String, at time: Date = Date()) {
        state.withLock { status in
            status.lastError = message
            status.lastErrorAt = time
        }
    }

    func notified(_ sent: Bool) {
        state.withLock { status in
            if sent { status.notificationsSent += 1 } else { status.notificationsFailed += 1 }
        }
    }
}
