import Testing
@testable import ScanPipeline

/// The document lifecycle without Tesseract or a database: every move the pipeline, review, export
/// and quarantine make, resuming after a kill at each step, and every move it must refuse.
@Suite struct DocumentLifecycleTests {
    /// Every (state, event) pair the lifecycle allows, and where it leads. Anything not listed is
    /// refused; the table is the specification.
    static let allowed: [DocumentState: [DocumentLifecycle.Event: DocumentState]] = [
        .ingested: [.separated: .separated, .quarantined: .quarantined],
        .separated: [.recognised: .recognised, .quarantined: .quarantined],
        .recognised: [.classified: .classified, .quarantined: .quarantined],
        .classified: [.filed: .filed, .heldForReview: .needsReview, .quarantined: .quarantined],
        .filed: [.reviewed: .filed, .exported: .exported, .discarded: .discarded, .rescanned: .needsReview,
                 .offered: .offered, .disposed: .disposed],
        .needsReview: [.reviewed: .filed, .exported: .needsReview, .discarded: .discarded, .rescanned: .needsReview],
        .exported: [.reviewed: .filed, .exported: .exported, .offered: .offered, .disposed: .disposed],
        .quarantined: [.released: .released, .retried: .retried],
        .released: [.retried: .retried],
        .retried: [:],
        .discarded: [:],
        .offered: [.handedOver: .handedOver, .disposed: .disposed],
        .handedOver: [.archived: .archived],
        .archived: [:],
        .disposed: [:],
    ]

    @Test func aFileGoesFromIngestToAFiledRecordAndIsExported() throws {
        var lifecycle = DocumentLifecycle(origin: .sourceFile)
        #expect(lifecycle.state == .ingested)
        #expect(try lifecycle.handle(.separated) == .recognisePages)
        #expect(try lifecycle.handle(.recognised) == .classify)
        #expect(try lifecycle.handle(.classified) == .writeRecord)
        #expect(try lifecycle.handle(.filed) == DocumentLifecycle.Action.none)
        #expect(lifecycle.state == .filed)
        try lifecycle.handle(.exported)
        #expect(lifecycle.state == .exported)
        // A review places it anew: filed again, its record rewritten, to be exported again.
        #expect(try lifecycle.handle(.reviewed) == .rewriteRecord)
        #expect(lifecycle.state == .filed)
    }

    @Test func aDocumentHeldForReviewIsFiledByTheReview() throws {
        var lifecycle = DocumentLifecycle(resumingAt: .classified)
        try lifecycle.handle(.heldForReview)
        #expect(lifecycle.state == .needsReview)
        // Its provisional record may go to the DMS and still waits for the review.
        try lifecycle.handle(.exported)
        #expect(lifecycle.state == .needsReview)
        try lifecycle.handle(.reviewed)
        #expect(lifecycle.state == .filed)
    }

    /// Nicht aktenrelevant: a record in review or filed is discarded for good (its metadata
    /// rewritten to say so); an exported one belongs to the DMS and is not.
    @Test func aRecordInReviewOrFiledIsDiscardedForGoodButNotAnExportedOne() throws {
        for state in [DocumentState.needsReview, .filed] {
            var lifecycle = DocumentLifecycle(resumingAt: state)
            #expect(try lifecycle.handle(.discarded) == .rewriteRecord)
            #expect(lifecycle.state == .discarded)
            #expect(lifecycle.state.isSettled)
        }
        #expect(!DocumentLifecycle.allows(.discarded, in: .exported))
        #expect(DocumentState.discarded.successors.isEmpty)
        for event in DocumentLifecycle.Event.allCases {
            #expect(!DocumentLifecycle.allows(event, in: .discarded), "discarded on \(event)")
        }
    }

    @Test func aSplitPartStartsRecognisedAndAnUnreadableFileQuarantined() throws {
        #expect(DocumentLifecycle(origin: .splitPart).state == .recognised)
        #expect(DocumentLifecycle.nextAction(in: DocumentLifecycle.initialState(.splitPart)) == .classify)
        var unreadable = DocumentLifecycle(origin: .unreadableFile)
        #expect(unreadable.state == .quarantined)
        try unreadable.handle(.retried)
        #expect(unreadable.state == .retried)
    }

    /// A kill after any committed step: the next run reads the state and knows what is left to do.
    @Test(arguments: [
        (DocumentState.ingested, DocumentLifecycle.Action.separate),
        (.separated, .recognisePages),
        (.recognised, .classify),
        (.classified, .writeRecord),
        (.filed, .none), (.needsReview, .none), (.exported, .none),
        (.quarantined, .none), (.released, .none), (.retried, .none), (.discarded, .none),
        (.offered, .none), (.handedOver, .none), (.archived, .none), (.disposed, .none),
    ])
    func resumesAfterAKillAtEachStep(state: DocumentState, action: DocumentLifecycle.Action) throws {
        #expect(DocumentLifecycle.nextAction(in: state) == action)
        #expect((action == .none) == state.isSettled)
        // Resuming and going on reaches a settled state by the events the action names.
        var lifecycle = DocumentLifecycle(resumingAt: state)
        var next = action
        var steps = 0
        while next != .none {
            let event: DocumentLifecycle.Event
            switch next {
            case .separate: event = .separated
            case .recognisePages: event = .recognised
            case .classify: event = .classified
            case .writeRecord: event = .filed
            case .rewriteRecord, .none:
                Issue.record("unexpected action \(next)")
                return
            }
            next = try lifecycle.handle(event)
            steps += 1
        }
        #expect(lifecycle.state.isSettled)
        #expect(steps <= 4)
    }

    @Test(arguments: DocumentState.allCases)
    func everyMoveNotInTheTableIsRefused(state: DocumentState) throws {
        let allowed = try #require(Self.allowed[state])
        for event in DocumentLifecycle.Event.allCases {
            if let target = allowed[event] {
                #expect(try DocumentLifecycle.target(of: event, from: state) == target, "\(state) on \(event)")
                #expect(DocumentLifecycle.allows(event, in: state))
            } else {
                var lifecycle = DocumentLifecycle(resumingAt: state)
                #expect(throws: ScanPipelineError.self, "\(state) on \(event)") { try lifecycle.handle(event) }
                // A refused event leaves the state as it was.
                #expect(lifecycle.state == state)
                do {
                    _ = try DocumentLifecycle.target(of: event, from: state)
                } catch {
                    #expect(error.code == .illegalTransition)
                    #expect(error.reason.contains(state.rawValue))
                }
            }
        }
    }

    /// The pipeline's own events never leave a document where it is: a second `recognised`, a
    /// second `quarantined`, a record filed twice are refused. A person's review, an export again
    /// and a rescan of a document in review may.
    @Test func sameStateMovesAreRefusedExceptReviewExportAndRescan() {
        for (state, events) in Self.allowed {
            for (event, target) in events where target == state {
                #expect([.reviewed, .exported, .rescanned].contains(event), "\(state) stays \(state) on \(event)")
            }
        }
        #expect(!DocumentLifecycle.allows(.recognised, in: .recognised))
        #expect(!DocumentLifecycle.allows(.quarantined, in: .quarantined))
        #expect(!DocumentLifecycle.allows(.filed, in: .filed))
        #expect(!DocumentLifecycle.allows(.heldForReview, in: .needsReview))
    }

    /// A settled record is never quarantined, and quarantine never leads back into the pipeline.
    @Test func recordsAreNeverQuarantinedAndQuarantineNeverReturns() {
        for state in [DocumentState.filed, .needsReview, .exported] {
            #expect(!DocumentLifecycle.allows(.quarantined, in: state))
        }
        for state in [DocumentState.quarantined, .released, .retried] {
            for event in [DocumentLifecycle.Event.separated, .recognised, .classified, .filed, .heldForReview, .reviewed, .exported] {
                #expect(!DocumentLifecycle.allows(event, in: state))
            }
        }
    }
}

/// The four-eyes request: pending, then decided once.
@Suite struct ReviewRequestLifecycleTests {
    @Test(arguments: [
        (ReviewRequestLifecycle.Event.approve, ReviewRequestState.approved),
        (.reject, .rejected), (.withdraw, .withdrawn),
    ])
    func aPendingRequestIsDecidedOnce(event: ReviewRequestLifecycle.Event, decided: ReviewRequestState) throws {
        var request = ReviewRequestLifecycle()
        #expect(request.state == .pending)
        try request.handle(event)
        #expect(request.state == decided)
        for again in ReviewRequestLifecycle.Event.allCases {
            var copy = request
            #expect(throws: ScanPipelineError.self) { try copy.handle(again) }
            #expect(copy.state == decided)
        }
    }

    @Test func aDecisionOnADecidedRequestSaysWhatItWas() {
        do {
            _ = try ReviewRequestLifecycle.target(of: .approve, from: .rejected)
            Issue.record("approved a rejected request")
        } catch {
            #expect(error.code == .illegalTransition)
            #expect(error.reason.contains("rejected"))
        }
    }
}
