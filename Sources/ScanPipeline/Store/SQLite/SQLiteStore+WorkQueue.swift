import Foundation

/// On SQLite one run writes a workspace at a time: a claim is the workspace's lock file, held with
/// `flock` until it is released or the process ends (the kernel lets go of it however it ends), so
/// it needs no renewing.
extension SQLiteStore: WorkQueue {
    func claim(for owner: String) async throws -> WorkClaim {
        let root = URL(fileURLWithPath: path).deletingLastPathComponent()
        let lock = try await BlockingWork.run { try WorkspaceLock(root: root) }
        return WorkClaim(owner: owner, lease: lock)
    }

    func renew(_ claim: WorkClaim) async throws {
        guard claim.lease.isHeld else {
            throw ScanPipelineError(.lockHeld, path: path, "the claim of \(claim.owner) on the workspace has ended")
        }
    }

    func release(_ claim: WorkClaim) async {
        claim.lease.end()
    }
}
