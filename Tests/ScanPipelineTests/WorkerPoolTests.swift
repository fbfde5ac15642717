import Foundation
import Logging
import Testing
@testable import ScanPipeline

@Suite("OCR worker pool")
struct WorkerPoolTests {
    @Test func throwsWhenTheLanguageDataIsMissing() async throws {
        let configuration = OCRConfiguration(languages: "xyz")
        let error = try await #require(throws: ScanPipelineError.self) {
            _ = try await OCRWorkerPool(configuration: configuration, workers: 2, logger: Logger(label: "test"))
        }
        #expect(error.code == .engineInitialisation)
        #expect(error.reason.contains("'xyz'"))
    }

    @Test func runsJobsOnDedicatedThreadsAndRefusesWorkAfterShutdown() async throws {
        let pool = try await OCRWorkerPool(configuration: OCRConfiguration(), workers: 2, logger: Logger(label: "test"))
        // Each job reports whether it ran on one of the pool's own threads (by pthread id, which
        // unlike a thread's name cannot be missed under load) and not on the cooperative pool.
        let onWorkers = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await pool.perform { _ in pool.isWorkerThread() }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(onWorkers.count == 8 && onWorkers.allSatisfy { $0 })
        #expect(!pool.isWorkerThread())
        await pool.shutdown()
        await #expect(throws: ScanPipelineError.self) { try await pool.perform { _ in 1 } }
    }
}

import Foundation
