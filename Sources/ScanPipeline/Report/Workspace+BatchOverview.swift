import Foundation

/// The Posteingang's figures for a user who may see the batches.
extension Workspace {
    public func batchOverview(limit: Int = 50, for user: AuthenticatedUser) async throws -> BatchOverview {
        try user.require(.viewBatches, to: "see the batches")
        return try await reportFacts.batchOverview(limit: max(1, limit))
    }

    /// The Transfervermerk of a closed batch as people read it (`<batch>.txt`), followed by its
    /// supplement once the paper was released; nil when none was written yet.
    public func transfervermerkText(batch: String, for user: AuthenticatedUser) async throws -> String? {
        try user.require(.viewBatches, to: "see the batches")
        guard batch.allSatisfy({ $0.isHexDigit || $0 == "-" }), !batch.isEmpty else { return nil }
        let file = transfervermerkFolder.appendingPathComponent("\(batch).txt")
        let supplement = nachtragFolder.appendingPathComponent("\(batch).txt")
        return try await BlockingWork.run {
            guard let note = try? String(contentsOf: file, encoding: .utf8) else { return nil }
            return note + ((try? String(contentsOf: supplement, encoding: .utf8)).map { "\n" + $0 } ?? "")
        }
    }

    /// The workspace's figures for monitoring (`/metrics`): counts only, no user, no content.
    public func monitoringFigures() async throws -> BatchOverview {
        try await reportFacts.batchOverview(limit: 1)
    }
}
