import FilePlan

/// A document with a known place in the plan, for training: from a labelled corpus (main group
/// only) or from a records manager's review (any node).
public struct TrainingDocument: Sendable {
    public var id: String
    public var text: String
    /// The plan code it belongs under, at whatever depth is known (`6`, `63`, `632.10`), or
    /// ``notRecordRelevantCode`` for a document a review discarded as nicht aktenrelevant.
    public var code: String
    /// Where the label comes from: `corpus classify-dev`, `reviews`.
    public var source: String
    /// The organisation the document comes from (a corpus's `municipality` column; this workspace
    /// for reviews). Calibration holds out whole groups, so that the probabilities describe how the
    /// statistical layer does on an office it has not seen.
    public var group: String

    public init(id: String, text: String, code: String, source: String, group: String? = nil) {
        self.id = id
        self.text = text
        self.code = code
        self.source = source
        self.group = group ?? source
    }
}
