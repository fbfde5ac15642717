import FilePlan

/// The review queue as the browser reads it: from the database alone, by page, and only the
/// documents the user's role may see under the review policy.
extension Workspace {
    public func reviewQueue(_ query: ReviewQueueQuery, for user: AuthenticatedUser,
                            policy: ReviewPolicy) async throws -> ReviewQueuePage {
        try user.require(.viewQueue, to: "see the review queue")
        return try await reviews.reviewQueue(query, levels: policy.visibleLevels(for: user.role)?.map(\.rawValue))
    }

    /// The document after `document` in the view (the first one, when `document` is not in it):
    /// where "Übernehmen & weiter" goes. Read before the change, which may move it out of the view.
    public func nextInQueue(after document: String, query: ReviewQueueQuery, for user: AuthenticatedUser,
                            policy: ReviewPolicy) async throws -> String? {
        try user.require(.viewQueue, to: "see the review queue")
        let ids = try await reviews.reviewQueueIDs(query, levels: policy.visibleLevels(for: user.role)?.map(\.rawValue))
        guard let index = ids.firstIndex(of: document) else { return ids.first }
        return ids.dropFirst(index + 1).first
    }
}
