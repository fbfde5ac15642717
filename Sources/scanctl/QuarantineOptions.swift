import ArgumentParser
import Foundation
import ScanPipeline

/// `--operator NAME`, defaulting to `$SCANCTL_REVIEWER`, then the operating-system account
/// (`$USER`, or the account's name when the environment has none, as under cron or systemd).
struct OperatorOption: ParsableArguments {
    @Option(name: .customLong("operator"),
            help: ArgumentHelp("Who acts, for the audit trail (default: $SCANCTL_REVIEWER, else $USER).", valueName: "name"))
    var operatorName: String?

    func validate() throws { _ = try name() }

    func name() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let account = getpwuid(getuid()).flatMap { $0.pointee.pw_name }.map { String(cString: $0) }
        let name = [operatorName, environment["SCANCTL_REVIEWER"], environment["USER"], account]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        guard let name else { throw ValidationError("say who acts: --operator NAME (or set SCANCTL_REVIEWER)") }
        return name
    }
}

/// Reporting quarantine errors, and how an entry reads in a table.
enum QuarantineContext {
    /// Runs a quarantine step; a refused one exits 1, an unusable workspace 2.
    static func reporting<Value>(_ work: () async throws -> Value) async throws -> Value {
        do {
            return try await work()
        } catch let error as ScanPipelineError {
            throw error.reported()
        }
    }

    /// open, released, or retried → its successor's state.
    static func status(_ entry: QuarantineEntry) -> String {
        switch entry.status {
        case .open: "open"
        case .released: "released"
        case .retried: "retried → \(entry.retriedState ?? "?")"
        }
    }
}
