import Foundation
import Logging

extension Logger {
    /// A logger at the level $SCANCTL_LOG_LEVEL names (trace, debug, info, notice, warning, error,
    /// critical; info when unset): `trace` shows every statement sent to a shared database, which
    /// is how a stuck worker is looked into.
    static func scanctl(_ label: String) -> Logger {
        var logger = Logger(label: label)
        if let name = ProcessInfo.processInfo.environment["SCANCTL_LOG_LEVEL"], let level = Logger.Level(rawValue: name.lowercased()) {
            logger.logLevel = level
        }
        return logger
    }
}
