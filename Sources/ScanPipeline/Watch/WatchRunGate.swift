/// One batch at a time in a process: the watchers of several inboxes (and `serve`'s retries) share
/// one workspace, whose runs take it in turn. An async lock: a waiting watcher suspends, it does
/// not block a thread.
public actor WatchRunGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init() {}

    /// Runs `work` once no other work of this gate runs.
    public func run<Value: Sendable>(_ work: @Sendable () async throws -> Value) async throws -> Value {
        await acquire()
        defer { release() }
        return try await work()
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
