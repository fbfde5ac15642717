extension Workspace {
    /// How many of the workspace's newest documents teach a model the town's template lines.
    public static let templateDocumentLimit = 2000
    /// The source (and group) of training documents from this workspace's reviews.
    public static let reviewsSource = "reviews"

    /// The recognised text of the workspace's newest documents, whatever their state and whether
    /// or not anybody reviewed them: the town's letterheads and forms are learned from them
    /// (``ModelTrainer/homeTexts``), which needs no labels.
    public func ownDocumentTexts(limit: Int = Workspace.templateDocumentLimit) async throws -> [String] {
        try await modelLedger.recentDocumentTexts(limit: limit)
    }
}
