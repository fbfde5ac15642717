import FilePlan

/// The review queue as the browser reads it: from the database alone, by page, and only the
/// documents the user's role may see under the review policy.
extension Workspace {
    public func reviewQueue(_ query: ReviewQueueQuery, for user: AuthenticatedUser,
                            policy: ReviewPolicy) async throws -> ReviewQueuePage {
        try user.require(.viewQueue, to: "see the review queue")
        return try await reviews.reviewQueue(query, levels: policy.visibleLevels(for: user.role)?.map(\.rawValue))
    }

    /// One document in detail for a user who may see it: a document the review policy hides from
    /// the user's role is answered as unknown, so that its existence is not told either.
    public func reviewDetail(_ document: String, for user: AuthenticatedUser, policy: ReviewPolicy) async throws -> ReviewDetail {
        try await requireVisible(document, to: user, policy: policy)
        return try await reviewDetail(document, excerpt: nil)
    }

    func requireVisible(_ document: String, to user: AuthenticatedUser, policy: ReviewPolicy) async throws {
        try user.require(.viewQueue, to: "see records")
        // A document that does not exist and one the role may not see are answered alike.
        guard let metadata = try? await currentMetadata(document),
              policy.permits(user.role, toSee: Schutzbedarf(rawValue: metadata.schutzbedarf) ?? .normal) else {
            throw ScanPipelineError(.unknownID, "document \(document) has no record")
        }
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
