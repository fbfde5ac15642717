import Foundation
import Testing
import TestSupport
@testable import ScanPipeline

/// What any ``ReviewStore`` must do, given a fixture that makes documents in it.
struct ReviewStoreConformance {
    let store: any ReviewStore
    let fixture: any StoreConformanceFixture

    func request(_ id: String, for document: String, by person: String = "A. Schmidt") -> (ReviewChangeRequest, AuditEntry) {
        let change = ReviewChangeRequest(id: id, document: document, fromCode: "632.10", toCode: "701", decision: "reclassified",
                                         reason: "about the bin", requestedBy: person, requestedAt: Date(), rule: "Schutzbedarf hoch",
                                         planVersion: "test@1")
        let payload = ReviewAuditPayload.Requested(request: id, fromCode: "632.10", toCode: "701", decision: "reclassified",
                                                   reviewer: person, reason: "about the bin", rule: "Schutzbedarf hoch",
                                                   planVersion: "test@1", bulk: nil)
        return (change, AuditEntry(actor: .person(person), subjects: AuditSubjects(document: document), payload: payload))
    }

    func review(_ document: String, from: DocumentState, approving request: String?, by person: String)
        throws -> (ReviewApplication, AuditEntry) {
        let next = try DocumentLifecycle.target(of: .reviewed, from: from)
        let application = ReviewApplication(document: document, expectedState: from, state: next, planCode: "701",
                                            pendingRecord: "{}", schutzbedarf: "normal",
                                            approval: request.map { .init(request: $0, decidedBy: person, reason: "fine") })
        let payload = ReviewAuditPayload.Reviewed(code: "701", previousCode: "632.10", previousState: from.rawValue,
                                                  state: next.rawValue, decision: "reclassified", reviewer: "A. Schmidt",
                                                  approvedBy: person, reason: "about the bin", planVersion: "test@1")
        return (application, AuditEntry(actor: .person(person), subjects: AuditSubjects(document: document), payload: payload))
    }

    static func fourEyes(_ approver: String) -> @Sendable (PendingReclassification) throws -> Void {
        { stored in
            guard !ReviewSession.sameReviewer(stored.requestedBy, approver) else {
                throw ScanPipelineError(.review, "four eyes: a second reviewer must approve")
            }
        }
    }

    func appliesAReviewWithItsEvent() async throws {
        try await fixture.addDocument("d1", state: .needsReview)
        let (application, event) = try review("d1", from: .needsReview, approving: nil, by: "A. Schmidt")
        try await store.applyReview(application, fourEyes: { _ in }, event: event)
        #expect(try await fixture.state("d1") == "filed")
        #expect(try await store.documentsWithPendingRecord() == ["d1"])
        #expect(try await fixture.actions() == [AuditAction.documentReviewed.rawValue])
    }

    func refusesAnApprovalByTheRequester() async throws {
        try await fixture.addDocument("d1", state: .needsReview)
        let (change, requested) = request("r1", for: "d1")
        try await store.requestChange(change, event: requested)
        let (application, event) = try review("d1", from: .needsReview, approving: "r1", by: "A. Schmidt")
        let code = await ScanPipelineError.Code.thrown {
            try await store.applyReview(application, fourEyes: Self.fourEyes("A. Schmidt"), event: event)
        }
        #expect(code == .review)
        // Nothing of it committed: the document, the request and the trail are as they were.
        #expect(try await fixture.state("d1") == "needs-review")
        #expect(try await store.reviewListing(document: "d1").pending.map(\.id) == ["r1"])
        #expect(try await fixture.actions() == [AuditAction.reviewRequested.rawValue])

        let (approved, approval) = try review("d1", from: .needsReview, approving: "r1", by: "B. Weber")
        try await store.applyReview(approved, fourEyes: Self.fourEyes("B. Weber"), event: approval)
        #expect(try await fixture.state("d1") == "filed")
        #expect(try await store.reviewListing(document: "d1").pending.isEmpty)
    }

    func refusesASecondPendingRequest() async throws {
        try await fixture.addDocument("d1", state: .filed)
        let (first, event) = request("r1", for: "d1")
        try await store.requestChange(first, event: event)
        let (second, again) = request("r2", for: "d1")
        #expect(await ScanPipelineError.Code.thrown { try await store.requestChange(second, event: again) } == .review)
        #expect(try await fixture.actions() == [AuditAction.reviewRequested.rawValue])
    }

    func refusesToDecideADecidedRequest() async throws {
        try await fixture.addDocument("d1", state: .filed)
        let (change, requested) = request("r1", for: "d1")
        try await store.requestChange(change, event: requested)
        let rejected = AuditEntry(actor: .person("B. Weber"), subjects: AuditSubjects(document: "d1"), payload: ReviewAuditPayload.Rejected(
            request: "r1", fromCode: "632.10", toCode: "701", requestedBy: "A. Schmidt", reviewer: "B. Weber", reason: "no",
            withdrawn: false))
        let decision = { @Sendable (_: PendingReclassification) in
            ReviewRequestDecision(transition: .reject, decidedBy: "B. Weber", reason: "no", audit: rejected)
        }
        try await store.decideRequest("r1", document: "d1", decision: decision)
        #expect(await ScanPipelineError.Code.thrown { try await store.decideRequest("r1", document: "d1", decision: decision) }
                == .illegalTransition)
        // An approval of it is refused the same way, and moves nothing.
        let (application, event) = try review("d1", from: .filed, approving: "r1", by: "B. Weber")
        #expect(await ScanPipelineError.Code.thrown {
            try await store.applyReview(application, fourEyes: Self.fourEyes("B. Weber"), event: event)
        } == .illegalTransition)
        #expect(await ScanPipelineError.Code.thrown { try await store.decideRequest("r9", document: "d1", decision: decision) }
                == .unknownID)
        #expect(try await fixture.actions() == [AuditAction.reviewRequested.rawValue, AuditAction.reviewRejected.rawValue])
    }

    func refusesAnApprovalOfADocumentThatMovedOn() async throws {
        try await fixture.addDocument("d1", state: .needsReview)
        let (change, requested) = request("r1", for: "d1")
        try await store.requestChange(change, event: requested)
        try await fixture.force("d1", to: .exported)
        let (application, event) = try review("d1", from: .needsReview, approving: "r1", by: "B. Weber")
        #expect(await ScanPipelineError.Code.thrown {
            try await store.applyReview(application, fourEyes: Self.fourEyes("B. Weber"), event: event)
        } == .staleState)
        #expect(try await fixture.state("d1") == "exported")
        #expect(try await store.reviewListing(document: "d1").pending.map(\.id) == ["r1"])
        let (missing, other) = try review("nope", from: .needsReview, approving: nil, by: "B. Weber")
        #expect(await ScanPipelineError.Code.thrown { try await store.applyReview(missing, fourEyes: { _ in }, event: other) } == .unknownID)
        #expect(try await fixture.actions() == [AuditAction.reviewRequested.rawValue])
    }
}

@Suite struct SQLiteReviewStoreTests {
    func run(_ test: (ReviewStoreConformance) async throws -> Void) async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await test(ReviewStoreConformance(store: fixture.store, fixture: fixture))
    }

    @Test func appliesAReviewWithItsEvent() async throws { try await run { try await $0.appliesAReviewWithItsEvent() } }
    @Test func refusesAnApprovalByTheRequester() async throws { try await run { try await $0.refusesAnApprovalByTheRequester() } }
    @Test func refusesASecondPendingRequest() async throws { try await run { try await $0.refusesASecondPendingRequest() } }
    @Test func refusesToDecideADecidedRequest() async throws { try await run { try await $0.refusesToDecideADecidedRequest() } }
    @Test func refusesAnApprovalOfADocumentThatMovedOn() async throws {
        try await run { try await $0.refusesAnApprovalOfADocumentThatMovedOn() }
    }
}

/// The same suite against the PostgreSQL store (skipped, with the reason, without the test server).
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresReviewStoreTests {
    func run(_ test: (ReviewStoreConformance) async throws -> Void) async throws {
        try await PostgresStoreFixture.with { fixture in try await test(ReviewStoreConformance(store: fixture.store, fixture: fixture)) }
    }

    @Test func appliesAReviewWithItsEvent() async throws { try await run { try await $0.appliesAReviewWithItsEvent() } }
    @Test func refusesAnApprovalByTheRequester() async throws { try await run { try await $0.refusesAnApprovalByTheRequester() } }
    @Test func refusesASecondPendingRequest() async throws { try await run { try await $0.refusesASecondPendingRequest() } }
    @Test func refusesToDecideADecidedRequest() async throws { try await run { try await $0.refusesToDecideADecidedRequest() } }
    @Test func refusesAnApprovalOfADocumentThatMovedOn() async throws {
        try await run { try await $0.refusesAnApprovalOfADocumentThatMovedOn() }
    }
}
