import Dispatch

/// Runs blocking work (file I/O, hashing, helper processes) on a GCD queue and awaits it, so that it
/// never occupies a thread of Swift's cooperative pool.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "scanctl.blocking", qos: .userInitiated, attributes: .concurrent)

    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Swift.Result { try work() }) }
        }
    }
}
