import Synchronization

/// A request to stop a run early, cleanly (SIGTERM to `scanctl watch`): no new file is ingested and
/// no new page is started; the pages in flight are committed, and the batch stays open when a
/// document is left unfinished, so that the next run completes it (as after a kill, without one).
public final class RunStop: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    public func request() { requested.store(true, ordering: .sequentiallyConsistent) }

    public var isRequested: Bool { requested.load(ordering: .sequentiallyConsistent) }
}
