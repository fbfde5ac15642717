import Foundation
import TestSupport
import Testing
@testable import ScanPipeline
@testable import ScanStorePostgres

/// The document queue against a real PostgreSQL server, with two store instances standing for two
/// hosts (two clients, two connection pools): claims are exclusive, fences hold, released attempts
/// do not count, sweeps bring expired leases back after their backoff, and two hosts' concurrent
/// claims and audit appends neither collide nor break the chain.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresDocumentQueueTests {
    static let actor = AuditActor.component("queue-test", version: "1")

    /// A fresh database with `count` registered (separated, so unsettled) documents, and a second
    /// store on the same database.
    static func run(documents count: Int,
                    _ test: (PostgresStoreFixture, PostgresStore, [String]) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in
            let seeding = DocumentStoreConformance(store: fixture.store)
            var ids: [String] = []
            for index in 0..<count {
                ids.append(try await seeding.seedDocument(sha256: String(format: "%064d", index)))
            }
            let other = try PostgresStore(url: fixture.url)
            defer { other.shutdown() }
            try await test(fixture, other, ids)
        }
    }

    static func expireLeases(_ fixture: PostgresStoreFixture) throws {
        try fixture.psql("UPDATE document SET leaseExpiresAt = now() - interval '1 second' WHERE leaseExpiresAt IS NOT NULL")
    }

    @Test func claimsAreExclusiveAcrossTwoHosts() async throws {
        try await Self.run(documents: 5) { fixture, other, ids in
            let first = try await fixture.store.claimDocuments(worker: "host-a", limit: 2, lease: .seconds(30), batch: nil)
            let second = try await other.claimDocuments(worker: "host-b", limit: 10, lease: .seconds(30), batch: nil)
            #expect(first.count == 2 && second.count == 3)
            #expect(Set(first.map(\.document)).isDisjoint(with: second.map(\.document)))
            #expect(Set(first.map(\.document) + second.map(\.document)) == Set(ids))
            #expect(first.allSatisfy { $0.worker == "host-a" && $0.token == 1 && $0.attempt == 1 })
            #expect(try await fixture.store.claimDocuments(worker: "host-a", limit: 10, lease: .seconds(30), batch: nil).isEmpty)
            #expect(try await other.queueStatus() == DocumentQueueStatus(ready: 0, leased: 5))
            // Of another batch only: none.
            #expect(try await other.claimDocuments(worker: "host-b", limit: 10, lease: .seconds(30), batch: "elsewhere").isEmpty)
        }
    }

    @Test func aFenceWhoseLeaseExpiredCannotCommit() async throws {
        try await Self.run(documents: 1) { fixture, other, ids in
            let conformance = DocumentStoreConformance(store: fixture.store)
            let lease = try #require(try await fixture.store.claimDocuments(worker: "host-a", limit: 1, lease: .seconds(30), batch: nil).first)
            try Self.expireLeases(fixture)
            let before = try await fixture.store.head()
            let error = await #expect(throws: ScanPipelineError.self) {
                try await DocumentFence.$current.withValue(lease) { try await fixture.store.commit(try conformance.recognised(ids[0])) }
            }
            #expect(error?.code == .leaseLost)
            #expect(try await fixture.store.state(of: ids[0]) == .separated)
            #expect(try await fixture.store.head() == before)
            // Taken over by another host after a sweep: the old token is refused too.
            #expect(try await other.sweepExpiredLeases(actor: Self.actor, backoff: { _ in .zero }) == 1)
            let taken = try #require(try await other.claimDocuments(worker: "host-b", limit: 1, lease: .seconds(30), batch: nil).first)
            #expect(taken.token == lease.token + 1)
            await #expect(throws: ScanPipelineError.self) {
                try await DocumentFence.$current.withValue(lease) {
                    try await fixture.store.storePage(StoredPage(number: 1, imageSHA256: "x", blank: false, rotation: 0, skew: 0,
                                                                 text: "t", separator: false, noText: false, barcodes: [], quality: []),
                                                      wordCount: 1, of: ids[0], events: [])
                }
            }
            #expect(try await other.pageNumbers(of: ids[0]).isEmpty)
            try await DocumentFence.$current.withValue(taken) { try await other.commit(try conformance.recognised(ids[0])) }
            #expect(try await other.state(of: ids[0]) == .recognised)
        }
    }

    @Test func aRenewedLeaseCanCommit() async throws {
        try await Self.run(documents: 1) { fixture, _, ids in
            let conformance = DocumentStoreConformance(store: fixture.store)
            let lease = try #require(try await fixture.store.claimDocuments(worker: "host-a", limit: 1, lease: .seconds(1), batch: nil).first)
            #expect(try await fixture.store.renew([lease], lease: .seconds(60)).isEmpty)
            try await Task.sleep(for: .milliseconds(1300))
            try await DocumentFence.$current.withValue(lease) { try await fixture.store.commit(try conformance.recognised(ids[0])) }
            #expect(try await fixture.store.state(of: ids[0]) == .recognised)
            // A lease that expired cannot be renewed: it is reported lost.
            try Self.expireLeases(fixture)
            #expect(try await fixture.store.renew([lease], lease: .seconds(60)) == [lease])
        }
    }

    @Test func aReleaseDoesNotCountTheAttempt() async throws {
        try await Self.run(documents: 1) { fixture, other, _ in
            let lease = try #require(try await fixture.store.claimDocuments(worker: "host-a", limit: 1, lease: .seconds(30), batch: nil).first)
            #expect(lease.attempt == 1)
            try await fixture.store.release(lease)
            let again = try #require(try await other.claimDocuments(worker: "host-b", limit: 1, lease: .seconds(30), batch: nil).first)
            #expect(again.attempt == 1 && again.token == lease.token + 1)
            // A failed attempt counts, and waits out its retry.
            try await other.finish(again, error: "recognition failed", retryAfter: .seconds(60))
            #expect(try await other.lastError(of: again.document) == "recognition failed")
            #expect(try await other.queueStatus() == DocumentQueueStatus(backingOff: 1))
            #expect(try await fixture.store.claimDocuments(worker: "host-a", limit: 1, lease: .seconds(30), batch: nil).isEmpty)
            try fixture.psql("UPDATE document SET availableAt = now()")
            #expect(try await fixture.store.claimDocuments(worker: "host-a", limit: 1, lease: .seconds(30), batch: nil).first?.attempt == 2)
        }
    }

    @Test func aSweepMakesAnExpiredLeaseReadyAfterItsBackoffWithAnEvent() async throws {
        try await Self.run(documents: 1) { fixture, other, ids in
            let lease = try #require(try await fixture.store.claimDocuments(worker: "host-a", limit: 1, lease: .seconds(30), batch: nil).first)
            #expect(try await other.sweepExpiredLeases(actor: Self.actor, backoff: { _ in .seconds(1) }) == 0, "not expired yet")
            try Self.expireLeases(fixture)
            #expect(try await other.queueStatus() == DocumentQueueStatus(expired: 1))
            let attempts = LockedBox<[Int]>([])
            #expect(try await other.sweepExpiredLeases(actor: Self.actor, backoff: { attempts.append($0); return .seconds(1) }) == 1)
            #expect(attempts.value == [1])
            #expect(try await other.queueStatus() == DocumentQueueStatus(backingOff: 1))
            #expect(try await other.claimDocuments(worker: "host-b", limit: 1, lease: .seconds(30), batch: nil).isEmpty)
            let events = try await other.events(AuditEventQuery(document: ids[0], actions: [.documentLeaseExpired]))
            #expect(events.count == 1)
            let payload = try #require(events.first?.payload(as: RunAuditPayload.DocumentLeaseExpired.self))
            #expect(payload.worker == "host-a" && payload.token == lease.token && payload.attempt == 1)
            #expect(events.first?.actorName == Self.actor.name && events.first?.batch == DocumentStoreConformance.batch)
            try await Task.sleep(for: .milliseconds(1200))
            let again = try #require(try await other.claimDocuments(worker: "host-b", limit: 1, lease: .seconds(30), batch: nil).first)
            #expect(again.attempt == 2)
            #expect(try await other.verifyChain().isIntact)
        }
    }

    @Test func concurrentClaimsFromTwoHostsNeverReturnTheSameDocument() async throws {
        try await Self.run(documents: 40) { fixture, other, ids in
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for (index, store) in [fixture.store, other, fixture.store, other].enumerated() {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let leases = try await store.claimDocuments(worker: "worker-\(index)", limit: 3, lease: .seconds(30), batch: nil)
                            if leases.isEmpty { return mine }
                            mine += leases.map(\.document)
                        }
                    }
                }
                var all: [String] = []
                for try await part in group { all += part }
                return all
            }
            #expect(claimed.count == ids.count)
            #expect(Set(claimed) == Set(ids))
        }
    }

    @Test func auditAppendsFromTwoHostsKeepOneVerifiableChain() async throws {
        try await Self.run(documents: 0) { fixture, other, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, store) in [fixture.store, other, fixture.store, other].enumerated() {
                    group.addTask {
                        for number in 0..<15 {
                            try await store.append(try AuditLogConformance.entry("host \(index) event \(number)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let events = try await other.events(.all)
            #expect(events.map(\.sequence) == Array(1...60))
            let chain = try await fixture.store.verifyChain()
            #expect(chain.isIntact && chain.events == 60)
            #expect(try await other.head() == AuditHead(sequence: 60, hash: chain.lastHash))
        }
    }

    /// Two hosts registering the same file at the same moment: one document, the other
    /// registration refused as stale (the ingest decides again and finds a duplicate).
    @Test func aFileRegisteredByTwoHostsAtOnceBecomesOneDocument() async throws {
        try await Self.run(documents: 1) { fixture, other, _ in
            let sha = String(repeating: "f", count: 64)
            let results = await Self.registerAtOnce(sha, in: [fixture.store, other])
            #expect(results.filter { $0 }.count == 1)
            let documents = try await other.documents(fromSource: sha)
            #expect(documents.count == 1)
            #expect(try await other.verifyChain().isIntact)
        }
    }

    /// Registers a document of `sha` in each store at once; whether each succeeded.
    static func registerAtOnce(_ sha: String, in stores: [PostgresStore]) async -> [Bool] {
        await withTaskGroup(of: Bool.self) { group in
            for store in stores {
                group.addTask {
                    do {
                        _ = try await DocumentStoreConformance(store: store).seedDocument(sha256: sha)
                        return true
                    } catch let error as ScanPipelineError {
                        #expect(error.code == .staleState)
                        return false
                    } catch {
                        Issue.record("unexpected \(error)")
                        return false
                    }
                }
            }
            var results: [Bool] = []
            for await result in group { results.append(result) }
            return results
        }
    }

    @Test func aBatchWhoseIngestIsHeldIsNotClosed() async throws {
        try await Self.run(documents: 0) { fixture, other, _ in
            try await fixture.store.openBatch(
                BatchOpening(id: "held", openedAt: AuditTrail.timestamp(Date()), operatorName: "Test", profile: "default",
                             schutzbedarf: "normal", planVersion: "v1"),
                event: AuditEntry(actor: Self.actor, action: .batchOpened, subjects: AuditSubjects(batch: "held"),
                                  payload: RunAuditPayload.BatchOpened(operator: "Test", profile: "default", schutzbedarf: "normal",
                                                                       plan: "plan", planVersion: "v1", engine: "stub",
                                                                       languages: "deu", workers: 1, inputs: [])))
            try await fixture.store.holdIngest(batch: "held", lease: .seconds(60))
            let offered = LockedBox<[String]>([])
            try await other.closeBatches { offered.append($0.id); return nil }
            #expect(offered.value.isEmpty)
            try await fixture.store.holdIngest(batch: "held", lease: nil)
            try await other.closeBatches { offered.append($0.id); return nil }
            #expect(offered.value == ["held"])
            await #expect(throws: ScanPipelineError.self) { try await other.holdIngest(batch: "nope", lease: nil) }
        }
    }
}

/// A value several tasks append to.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func append<Element>(_ element: Element) where Value == [Element] {
        lock.withLock { stored.append(element) }
    }
}
