import Foundation
import ScanPipeline

/// Sums the time a store's transactions take for work on documents (under a lease: the pages,
/// transitions, records and their audit appends), not the queue's own claims, renewals and polls.
final class DatabaseMeter: @unchecked Sendable {
    // @unchecked: `total` is only touched under `lock`.
    private let lock = NSLock()
    private var total: Duration = .zero
    private var headFile: Duration = .zero

    func add(_ duration: Duration) {
        guard DocumentFence.current != nil else { return }
        lock.withLock { total += duration }
    }
    /// Writing `audit-head.json` after a commit that appended (synced to disk): the trail's anchor
    /// outside the database, not the database itself.
    func addHeadFile(_ duration: Duration) {
        guard DocumentFence.current != nil else { return }
        lock.withLock { headFile += duration }
    }

    var value: Duration { lock.withLock { total } }
    var headFileValue: Duration { lock.withLock { headFile } }
}

extension PostgresStore: StoreMetering {
    package var timeInDatabase: Duration { meter.value }
    package var timeWritingHeadFile: Duration { meter.headFileValue }
}
