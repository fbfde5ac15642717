public import Foundation
import FilePlan

/// The two images of a sampled page for the workstation's Stichprobe, shown side by side: the
/// source file's page as it was scanned and the record's page. For whoever draws and checks
/// samples (the mailroom too, which does not see the review queue), within the review policy's
/// Schutzbedarf limits.
extension Workspace {
    /// The PNG of page `page` (as the document counts it, the number `qa sample` prints) of a
    /// sampled page's record, at `resolution` dpi. A page in no sample, or one the role may not see,
    /// is answered alike (`unknownID`).
    public func qualityPageImage(_ document: String, page: Int, resolution: Int = 100, for user: AuthenticatedUser,
                                 policy: ReviewPolicy) async throws -> Data {
        let metadata = try await sampledMetadata(document, page: page, for: user, policy: policy)
        guard let index = metadata.pages.filter(\.inRecord).firstIndex(where: { $0.number == page }) else {
            throw ScanPipelineError(.unknownID, "page \(page) of document \(document) is not in its record")
        }
        return try await recordPageImage(document, page: index + 1, resolution: resolution)
    }

    /// The PNG of the same page in the source file as it was ingested (a document's page numbers are
    /// its source file's), at most `longestSide` pixels; refused (`unknownID`) when the file is no
    /// longer at its path or is not the file ingested (its SHA-256 differs). Cached in
    /// `WORKSPACE/cache/sources/` under the file's hash.
    public func qualitySourceImage(_ document: String, page: Int, longestSide: Int = 1100, for user: AuthenticatedUser,
                                   policy: ReviewPolicy) async throws -> Data {
        let metadata = try await sampledMetadata(document, page: page, for: user, policy: policy)
        // The file the page was scanned into and its page there: an Akte's page lies in one of
        // its files (checked against that file's hash), any other in the source file itself.
        var located = (path: metadata.source.path, sha256: metadata.source.sha256, index: page - 1)
        if metadata.akte != nil {
            guard let akte = try await documents.sourceFile(metadata.source.sha256)?.akte,
                  let (member, index) = akte.member(ofPage: page), let sha256 = member.sha256 else {
                throw ScanPipelineError(.unknownID, "page \(page) of document \(document) is in none of its Akte's files")
            }
            located = (member.path, sha256, index)
        }
        let file = located
        let cache = root.appendingPathComponent("cache/sources", isDirectory: true)
            .appendingPathComponent("\(file.sha256)-\(file.index + 1)-\(longestSide).png")
        return try await BlockingWork.run {
            if let cached = FileManager.default.contents(atPath: cache.path) { return cached }
            guard (try? Ingestor.hash(file.path).hash) == file.sha256 else {
                throw ScanPipelineError(.unknownID, path: file.path, "the source file is not at its path as it was ingested")
            }
            let inspected = try SourceInspector(configuration: IngestConfiguration()).inspect(path: file.path)
            let image = try PageLoader(configuration: IngestConfiguration()).load(inspected, page: file.index)
            guard let png = image.png(longestSide: longestSide) else {
                throw ScanPipelineError(.unknownID, path: file.path, "page \(page) cannot be shown")
            }
            try FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicWrite.write(png, to: cache)
            return png
        }
    }

    /// The record's metadata of a sampled page the user may see.
    private func sampledMetadata(_ document: String, page: Int, for user: AuthenticatedUser,
                                 policy: ReviewPolicy) async throws -> RecordMetadata {
        try user.require(.qualityCheck, to: "see sampled pages")
        guard try await quality.qualityRound(document: document, page: page) != nil,
              let metadata = try? await currentMetadata(document),
              policy.permits(user.role, toSee: Schutzbedarf(rawValue: metadata.schutzbedarf) ?? .normal) else {
            throw ScanPipelineError(.unknownID, "page \(page) of document \(document) is in no sample")
        }
        return metadata
    }
}
