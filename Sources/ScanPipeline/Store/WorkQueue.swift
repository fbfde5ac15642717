/// Who may work on a workspace's documents now. A run claims the workspace before it writes
/// anything and releases it when it ends; a backend with several workers renews the claim while the
/// run lasts (a lease), so that an abandoned claim expires.
///
/// The contract a backend keeps: a claim is exclusive (a second claim while one is held throws
/// `lock-held`, naming that the workspace is in use); a claim ends when it is released or when its
/// holder's process ends; renewing a claim that is no longer held throws.
package protocol WorkQueue: Sendable {
    func claim(for owner: String) async throws -> WorkClaim
    func renew(_ claim: WorkClaim) async throws
    func release(_ claim: WorkClaim) async
}

/// A held claim: who holds it and what the backend holds for it (on SQLite, the locked file).
package struct WorkClaim: Sendable {
    package let owner: String
    package let lease: any WorkLease

    package init(owner: String, lease: any WorkLease) {
        self.owner = owner
        self.lease = lease
    }
}

/// What a backend holds for a claim, given up by ``end()`` (idempotent).
package protocol WorkLease: Sendable {
    var isHeld: Bool { get }
    func end()
}

extension WorkQueue {
    /// Runs `work` holding a claim for `owner`, released however `work` ends.
    func holding<Value: Sendable>(for owner: String, _ work: () async throws -> Value) async throws -> Value {
        let claim = try await claim(for: owner)
        do {
            let value = try await work()
            await release(claim)
            return value
        } catch {
            await release(claim)
            throw error
        }
    }
}

extension Workspace {
    /// Claims on the workspace for runs.
    var workQueue: any WorkQueue { store }
}
