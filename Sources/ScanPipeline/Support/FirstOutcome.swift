import Foundation

/// A value that the first of several parties settles and one waiter awaits: a family's work or the
/// worker's stall watchdog, a statement's answer or its connection's closing. Later settlements
/// are dropped; a waiter that comes after the settlement gets the value at once.
package final class FirstOutcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var settled: Value?
    private var waiter: CheckedContinuation<Value, Never>?

    package init() {}

    /// Settles with `value` unless it is settled already; whether this settlement was the first.
    @discardableResult
    package func settle(_ value: Value) -> Bool {
        let (first, waiting) = lock.withLock { () -> (Bool, CheckedContinuation<Value, Never>?) in
            guard settled == nil else { return (false, nil) }
            settled = value
            defer { waiter = nil }
            return (true, waiter)
        }
        waiting?.resume(returning: value)
        return first
    }

    /// The settled value, once there is one. One waiter only.
    package var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready = lock.withLock { () -> Value? in
                    if let settled { return settled }
                    waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
