import Foundation
import Testing
@testable import ScanPipeline

/// Blocking work leaves Swift's cooperative pool: `BlockingWork.run` runs its closure on its own
/// GCD queue, and training runs there.
@Suite("Blocking work off the cooperative pool")
struct BlockingWorkTests {
    @Test func runsItsWorkOnItsOwnQueueNotOnTheCooperativePool() async throws {
        #expect(!BlockingWork.isCurrent, "a test task runs on the cooperative pool, not on BlockingWork's queue")
        let onQueue = try await BlockingWork.run { BlockingWork.isCurrent }
        #expect(onQueue)
    }

    @Test func passesResultsAndErrorsThrough() async throws {
        #expect(try await BlockingWork.run { 42 } == 42)
        await #expect(throws: ScanPipelineError.self) {
            try await BlockingWork.run { () throws -> Int in throw ScanPipelineError(.training, "no") }
        }
    }

    /// `scanctl train` trains through `trainInBackground`: the same model as training in place.
    @Test func trainingInTheBackgroundGivesTheSameModel() async throws {
        let plan = try ClassificationModelTests.plan()
        let documents = try ClassificationModelTests.training(plan)
        let background = try await ModelTrainer(plan: plan, seed: 7).trainInBackground(documents)
        #expect(try background.digest() == ModelTrainer(plan: plan, seed: 7).train(documents).digest())
    }
}
