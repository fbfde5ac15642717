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
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await pool.perform { _ in
                        // Foundation's name for the thread, or else the kernel's (under load the
                        // first can miss: Thread.current may not be the object that was named).
                        let kernel = ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "")
                            .trimmingCharacters(in: .whitespacesAndNewlines)
                        return Thread.current.name.flatMap { $0.hasPrefix("scanctl-ocr-") ? $0 : nil } ?? kernel
                    }
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(!names.isEmpty && names.isSubset(of: ["scanctl-ocr-1", "scanctl-ocr-2"]))
        await pool.shutdown()
        await #expect(throws: ScanPipelineError.self) { try await pool.perform { _ in 1 } }
    }
}

import Foundation
