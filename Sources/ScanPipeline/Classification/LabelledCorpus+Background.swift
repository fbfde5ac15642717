public import Foundation

extension LabelledCorpus {
    /// `load(folder:)` on `BlockingWork`'s queue: it reads thousands of small files.
    public static func loadInBackground(folder: URL) async throws -> LabelledCorpus {
        try await BlockingWork.run { try load(folder: folder) }
    }
}
