public import FilePlan

extension ClassifierComparison {
    /// `run(…)` on `BlockingWork`'s queue: an evaluation trains and tests models for minutes and
    /// must not hold a thread of Swift's cooperative pool meanwhile.
    public static func runInBackground(corpus: LabelledCorpus, plan: FilePlan, split: Split, model: ClassificationModel?,
                                       modelVersion: String?, policy: DecisionPolicy,
                                       seed: UInt64 = 2026, characterGrams: Bool = false) async throws -> ClassifierComparison {
        try await BlockingWork.run {
            try run(corpus: corpus, plan: plan, split: split, model: model, modelVersion: modelVersion, policy: policy, seed: seed,
                    characterGrams: characterGrams)
        }
    }
}

extension LearningCurve {
    /// `run(…)` on `BlockingWork`'s queue, like ``ClassifierComparison/runInBackground(corpus:plan:split:model:modelVersion:policy:seed:characterGrams:)``.
    public static func runInBackground(corpus: LabelledCorpus, plan: FilePlan, column: String, sizes: [Int], order: Order,
                                       policy: DecisionPolicy, seed: UInt64 = 2026, characterGrams: Bool = false) async throws -> LearningCurve {
        try await BlockingWork.run {
            try run(corpus: corpus, plan: plan, column: column, sizes: sizes, order: order, policy: policy, seed: seed,
                    characterGrams: characterGrams)
        }
    }
}
