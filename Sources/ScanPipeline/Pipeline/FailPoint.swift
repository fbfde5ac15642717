import Foundation

/// Points where the fault tests kill (or stall) a worker (`SCANCTL_FAILPOINT=after-ocr` and so on, or
/// `after-ocr:3` for the third time the point is reached), as failpoint libraries do (fail-rs,
/// FoundationDB): a kill at an exact step, which a signal from outside could only hit by luck.
/// Without the variable nothing happens; it is read once.
enum FailPoint: String, Sendable {
    /// A page's recognition committed, the document not yet finished.
    case afterRecognition = "after-ocr"
    /// The record folder renamed into place, its commit not yet made.
    case afterRecordFiles = "after-record-files"
    /// The record committed, the lease not yet ended.
    case afterCommit = "after-commit"
    /// A simulated page's recognition (`--simulate-ocr`) never comes back: a stuck engine.
    case stallRecognition = "stall-ocr"

    private static let armed: (point: FailPoint, at: Int)? = {
        guard let value = ProcessInfo.processInfo.environment["SCANCTL_FAILPOINT"], !value.isEmpty else { return nil }
        let parts = value.split(separator: ":")
        guard let point = FailPoint(rawValue: String(parts[0])) else { return nil }
        return (point, parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()
    private static let reached = LockedValue(0)

    /// Kills the process with SIGKILL when this point is armed and reached for the set time.
    func reach() {
        if isDue() { kill(getpid(), SIGKILL) }
    }

    /// Never returns, cancelled or not, when this point is armed and reached for the set time.
    func stall() async {
        if isDue() { await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in } }
    }

    /// Counts this reaching of an armed point; whether it is the time set.
    private func isDue() -> Bool {
        guard let armed = Self.armed, armed.point == self else { return false }
        let count = Self.reached.withLock { value -> Int in
            value += 1
            return value
        }
        return count == armed.at
    }
}
