package import Foundation

/// Documents handed out to workers on several hosts that share one store (PostgreSQL): the
/// queue behind `scanctl worker`. Modelled on the PostgreSQL job queues (River, Oban,
/// graphile-worker): a claim takes ready documents with `FOR UPDATE SKIP LOCKED` and commits at
/// once; the claim is a lease the worker renews while it works; each claim gets a new fencing
/// token, and every completing write checks it (``DocumentFence``), so a worker that lost its
/// lease (frozen, cut off) cannot commit over the one that took the document over.
///
/// The unit of work is a source file's document with the documents split from it (its family):
/// the lease is on the family's root, and a root is ready while a document of its family is
/// unsettled.
///
/// The contract a backend keeps: a document is leased to at most one worker at a time; a claim
/// counts an attempt; a released lease does not; an expired lease is swept back, ready again after
/// the backoff its attempts call for; writes under a fence whose lease is no longer held (expired,
/// taken over, released) throw `lease-lost` and write nothing.
package protocol DocumentQueue: Sendable {
    /// Claims up to `limit` ready documents for `worker` (of `batch` only, when given), each with a
    /// lease of `lease` and a new fencing token.
    func claimDocuments(worker: String, limit: Int, lease: Duration, batch: String?) async throws -> [DocumentLease]
    /// Extends the leases still held by another `lease`; returns those no longer held.
    func renew(_ leases: [DocumentLease], lease: Duration) async throws -> [DocumentLease]
    /// Gives a lease back unfinished (a worker asked to stop): ready again at once, the attempt not
    /// counted.
    func release(_ lease: DocumentLease) async throws
    /// Ends a lease whose family is settled, or records a failed attempt (`error`), ready again
    /// after `retryAfter`.
    func finish(_ lease: DocumentLease, error: String?, retryAfter: Duration) async throws
    /// Leases that expired without renewal: ready again after `backoff(attempts)`, each with a
    /// `document.lease-expired` event by `actor`. Returns how many.
    func sweepExpiredLeases(actor: AuditActor, backoff: @escaping @Sendable (Int) -> Duration) async throws -> Int
    /// What the queue holds now.
    func queueStatus() async throws -> DocumentQueueStatus
    /// The unsettled documents of a claimed root's family (the root and the documents split from
    /// it), in the order they were registered: what the worker resumes.
    func unsettledDocuments(inFamilyOf root: String) async throws -> [UnsettledDocument]
    /// Why the last attempts on a root failed, for the quarantine reason after the last attempt.
    func lastError(of document: String) async throws -> String?
    /// Marks a batch's ingest as going on (held for `lease`, renewed while it lasts) or, with nil,
    /// as complete: a batch is closed only when its ingest is complete (or its lease lapsed: the
    /// enqueuing run died) and every document of it is settled.
    func holdIngest(batch: String, lease: Duration?) async throws
}

/// One claimed document: its fencing token and the attempt this is.
package struct DocumentLease: Sendable, Hashable {
    package var document: String
    package var worker: String
    package var token: Int64
    package var attempt: Int

    package init(document: String, worker: String, token: Int64, attempt: Int) {
        self.document = document
        self.worker = worker
        self.token = token
        self.attempt = attempt
    }
}

/// How many documents wait, run and have failed, for `scanctl worker --status` and the tests.
package struct DocumentQueueStatus: Sendable, Equatable {
    package var ready = 0
    package var leased = 0
    /// Leased, but the lease has expired and no sweep has taken it back yet.
    package var expired = 0
    /// Waiting out a backoff after a failed attempt.
    package var backingOff = 0

    package init(ready: Int = 0, leased: Int = 0, expired: Int = 0, backingOff: Int = 0) {
        self.ready = ready
        self.leased = leased
        self.expired = expired
        self.backingOff = backingOff
    }
}

/// The lease under which the current task writes: the store checks it in the transaction of every
/// completing write (a page, a transition, a quarantine, a split), so a write by a worker whose
/// lease has lapsed is refused (`lease-lost`) instead of committed.
package enum DocumentFence {
    @TaskLocal package static var current: DocumentLease?
}
