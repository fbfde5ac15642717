import Foundation
package import ScanPipeline
import PostgresNIO

/// On a shared store one run at a time holds the workspace-exclusive claim (runs that must not
/// overlap: a batch run, a retention step): the row `workspaceClaim`, with its holder, a token per
/// claim and an expiry by the database's clock. The lease renews itself while it is held, so a
/// claim ends when it is released or soon after its holder's process ends (nobody renews it).
extension PostgresStore: WorkQueue {
    /// How long a claim lasts without renewal; the lease renews it at a third of that.
    static let claimDuration: Duration = .seconds(30)

    package func claim(for owner: String) async throws -> WorkClaim {
        let seconds = Self.seconds(Self.claimDuration)
        let token = try await write { [logger] connection -> Int64? in
            try await Self.single(Int64.self, on: connection, logger: logger, """
                INSERT INTO workspaceClaim (id, owner, token, expiresAt)
                VALUES (1, \(owner), nextval('workspaceClaim_token'), now() + make_interval(secs => \(seconds)))
                ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, token = excluded.token, expiresAt = excluded.expiresAt
                WHERE workspaceClaim.expiresAt <= now()
                RETURNING token
                """)
        }
        guard let token else {
            let holder = try? await read { [logger] connection in
                try await Self.single(String.self, on: connection, logger: logger,
                                      "SELECT owner FROM workspaceClaim WHERE id = 1 AND expiresAt > now()")
            }
            throw ScanPipelineError(.lockHeld, path: location.redacted,
                                    "the workspace is in use by another scanctl run\(holder.flatMap { $0 }.map { " (\($0))" } ?? "")")
        }
        let lease = ClaimLease(store: self, owner: owner, token: token)
        lease.startRenewing()
        return WorkClaim(owner: owner, lease: lease)
    }

    package func renew(_ claim: WorkClaim) async throws {
        guard let lease = claim.lease as? ClaimLease, lease.isHeld, try await renewClaim(owner: claim.owner, token: lease.token) else {
            (claim.lease as? ClaimLease)?.lapse()
            throw ScanPipelineError(.lockHeld, path: location.redacted, "the claim of \(claim.owner) on the workspace has ended")
        }
    }

    package func release(_ claim: WorkClaim) async {
        if let lease = claim.lease as? ClaimLease { await lease.delete() }
        claim.lease.end()
    }

    /// Extends the claim `token` while it is held; false when it is not (expired, taken over).
    func renewClaim(owner: String, token: Int64) async throws -> Bool {
        let seconds = Self.seconds(Self.claimDuration)
        return try await write { [logger] connection in
            try await connection.count("""
                UPDATE workspaceClaim SET expiresAt = now() + make_interval(secs => \(seconds))
                WHERE id = 1 AND token = \(token) AND owner = \(owner) AND expiresAt > now() RETURNING 1
                """, logger: logger) == 1
        }
    }

    /// Gives the claim `token` up: its row is deleted (another claim's row is left alone).
    func deleteClaim(token: Int64) async throws {
        try await write { [logger] connection in
            try await connection.run("DELETE FROM workspaceClaim WHERE id = 1 AND token = \(token)", logger: logger)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A held workspace claim: renewed in the background until it ends; ``isHeld`` turns false when
/// it is released, ended, or a renewal finds it gone.
final class ClaimLease: WorkLease, @unchecked Sendable {
    let store: PostgresStore
    let owner: String
    let token: Int64
    // Guards `held` and `renewal`.
    private let lock = NSLock()
    private var held = true
    private var renewal: Task<Void, Never>?

    init(store: PostgresStore, owner: String, token: Int64) {
        self.store = store
        self.owner = owner
        self.token = token
    }

    var isHeld: Bool { lock.withLock { held } }

    func startRenewing() {
        let task = Task { [weak self, store, owner, token] in
            while !Task.isCancelled {
                try? await Task.sleep(for: PostgresStore.claimDuration / 3)
                guard !Task.isCancelled else { return }
                // A failed renewal (the database unreachable for a moment) is tried again; only a
                // claim found gone has ended.
                if let renewed = try? await store.renewClaim(owner: owner, token: token), !renewed {
                    self?.lapse()
                    return
                }
            }
        }
        lock.withLock { renewal = task }
    }

    /// Marks the claim as no longer held and stops renewing it.
    func lapse() {
        let task = lock.withLock { () -> Task<Void, Never>? in
            held = false
            defer { renewal = nil }
            return renewal
        }
        task?.cancel()
    }

    /// Deletes the claim's row, then lapses.
    func delete() async {
        let wasHeld = isHeld
        lapse()
        if wasHeld { try? await store.deleteClaim(token: token) }
    }

    func end() {
        guard isHeld else { return }
        lapse()
        // end() cannot wait: the row is deleted in the background (it expires anyway).
        Task { [store, token] in try? await store.deleteClaim(token: token) }
    }

    deinit { renewal?.cancel() }
}
