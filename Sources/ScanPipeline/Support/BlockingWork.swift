import Dispatch

/// Runs blocking work (file I/O, hashing, helper processes, model training) on a GCD queue and
/// awaits it, so that it never occupies a thread of Swift's cooperative pool.
///
/// Database reads and writes do not come here: GRDB's async `read`/`write` already run on GRDB's
/// own queue. Mind the pitfall: inside an async function, `try database.read { … }` without
/// `await` compiles when the closure's result is not Sendable, and silently picks the *blocking*
/// overload, which then holds a cooperative thread. Always write `try await database.read`;
/// `BlockingDatabaseAccessTests` scans the sources for the blocking form inside async functions.
enum BlockingWork {
    private static let queue: DispatchQueue = {
        let queue = DispatchQueue(label: "scanctl.blocking", qos: .userInitiated, attributes: .concurrent)
        queue.setSpecific(key: marker, value: ())
        return queue
    }()

    /// Set on `queue`, so that code (and tests) can tell they run there.
    private static let marker = DispatchSpecificKey<Void>()

    /// Whether the caller runs on `BlockingWork`'s queue (not on the cooperative pool).
    static var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) != nil }

    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Swift.Result { try work() }) }
        }
    }
}
