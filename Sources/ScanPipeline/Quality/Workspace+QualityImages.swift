public import Foundation
import FilePlan

/// The record page of a sampled page for the workstation's Stichprobe, where it is compared with
/// the paper: for whoever draws and checks samples (the mailroom too, which does not see the
/// review queue), within the review policy's Schutzbedarf limits.
extension Workspace {
    /// The PNG of page `page` (as the document counts it, the number `qa sample` prints) of a
    /// sampled page's record, at `resolution` dpi. A page in no sample, or one the role may not see,
    /// is answered alike (`unknownID`).
    public func qualityPageImage(_ document: String, page: Int, resolution: Int = 100, for user: AuthenticatedUser,
                                 policy: ReviewPolicy) async throws -> Data {
        try user.require(.qualityCheck, to: "see sampled pages")
        guard try await quality.qualityRound(document: document, page: page) != nil,
              let metadata = try? await currentMetadata(document),
              policy.permits(user.role, toSee: Schutzbedarf(rawValue: metadata.schutzbedarf) ?? .normal),
              let index = metadata.pages.filter(\.inRecord).firstIndex(where: { $0.number == page }) else {
            throw ScanPipelineError(.unknownID, "page \(page) of document \(document) is in no sample")
        }
        return try await recordPageImage(document, page: index + 1, resolution: resolution)
    }
}
