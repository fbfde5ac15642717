import ArgumentParser
import Foundation
import ScanPipeline

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
