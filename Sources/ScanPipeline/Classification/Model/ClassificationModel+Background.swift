public import Foundation

extension ClassificationModel {
    /// `load(from:expectedDigest:)` on `BlockingWork`'s queue: it reads and hashes a model file of
    /// several megabytes.
    public static func loadInBackground(from url: URL, expectedDigest: String? = nil) async throws -> ClassificationModel {
        try await BlockingWork.run { try load(from: url, expectedDigest: expectedDigest) }
    }
}
