extension TrainingDocument {
    /// The label of a document a review discarded as nicht aktenrelevant (advertising, a receipt
    /// of no record value, a duplicate): not a plan code. `train --from-reviews` gathers such
    /// documents with this code, for the relevance layer (issue 16) to learn; the plan-code model
    /// leaves them out.
    public static let notRecordRelevantCode = "nicht-aktenrelevant"

    /// Whether the document is labelled nicht aktenrelevant rather than with a plan code.
    public var isNotRecordRelevant: Bool { code == Self.notRecordRelevantCode }
}
