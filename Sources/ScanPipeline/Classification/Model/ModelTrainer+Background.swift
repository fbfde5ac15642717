extension ModelTrainer {
    /// `train(_:)` on `BlockingWork`'s queue: training takes seconds to minutes of CPU and must not
    /// hold a thread of Swift's cooperative pool (which has one thread per core) meanwhile.
    public func trainInBackground(_ documents: [TrainingDocument]) async throws -> ClassificationModel {
        try await BlockingWork.run { try self.train(documents) }
    }
}
