import Foundation
package import ScanPipeline
import PostgresNIO

/// PostgreSQL's errors as the pipeline's: a database that cannot be reached or was lost is
/// `storage` (the run stops, as when SQLite's file cannot be written), any other database error
/// is `workspace`, each naming the database without its password.
extension PostgresStore {
    /// SQLSTATEs of a transaction that lost a race with another host's and may simply be run again.
    static let retryableStates: Set<String> = ["40001", "40P01"]

    static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func isRetryable(_ error: any Error) -> Bool {
        sqlState(of: error).map(retryableStates.contains) ?? false
    }

    /// Whether `error` is a unique violation (of `constraint`, when given).
    static func isUniqueViolation(_ error: any Error, constraint: String? = nil) -> Bool {
        guard let psql = error as? PSQLError, psql.serverInfo?[.sqlState] == "23505" else { return false }
        guard let constraint else { return true }
        return psql.serverInfo?[.constraintName] == constraint
    }

    /// `error` as a ScanPipelineError; ScanPipeline's own errors pass unchanged.
    static func mapped(_ error: any Error, location: PostgresLocation) -> any Error {
        if error is ScanPipelineError || error is CancellationError { return error }
        let database = location.redacted
        if let psql = error as? PSQLError {
            switch psql.code {
            case .server:
                let state = psql.serverInfo?[.sqlState] ?? "?"
                let message = psql.serverInfo?[.message] ?? "\(psql)"
                // Class 08 (connection), 53 (insufficient resources), 57P (operator intervention:
                // shutdown, crash), 3D000 (no such database), 28 (authentication).
                if state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57P") || state == "3D000" || state.hasPrefix("28") {
                    return ScanPipelineError(.storage, path: database, "the shared database cannot be used (\(state)): \(message)",
                                             resultCode: state)
                }
                let detail = psql.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return ScanPipelineError(.workspace, path: database, "database error \(state): \(message)\(detail)", resultCode: state)
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
                 .sslUnsupported, .failedToAddSSLHandler, .authMechanismRequiresPassword, .unsupportedAuthMechanism, .saslError:
                let cause = psql.underlying.map { "\($0)" } ?? "\(psql.code)"
                return ScanPipelineError(.storage, path: database, "the shared database cannot be reached: \(cause)")
            default:
                return ScanPipelineError(.workspace, path: database, "database error: \(psql.code)")
            }
        }
        return ScanPipelineError(.workspace, path: database, "database error: \(error)")
    }
}
