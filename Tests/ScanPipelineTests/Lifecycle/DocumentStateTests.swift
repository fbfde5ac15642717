import Testing
@testable import ScanPipeline

/// The document state machine of DESIGN.md contract 2.
@Suite struct DocumentStateTests {
    @Test func followsThePipelineInOrder() {
        let path: [DocumentState] = [.ingested, .separated, .recognised, .classified, .filed, .exported]
        for (from, to) in zip(path, path.dropFirst()) {
            #expect(from.successors.contains(to), "\(from) → \(to)")
        }
        #expect(DocumentState.classified.successors.contains(.needsReview))
        // A provisional record may be exported and still waits for its review (DocumentLifecycle).
        #expect(DocumentState.needsReview.successors == [.filed, .discarded])  // a review files or discards it
        #expect(DocumentState.exported.successors == [.filed, .offered, .disposed])  // reviewed again, or Aussonderung
    }

    @Test func skipsNoStageAndNeverGoesBack() {
        #expect(!DocumentState.separated.successors.contains(.classified))
        #expect(!DocumentState.recognised.successors.contains(.filed))
        #expect(!DocumentState.filed.successors.contains(.classified))
        #expect(!DocumentState.quarantined.successors.contains(.separated))
        #expect(DocumentState.retried.successors.isEmpty)
    }

    @Test func anythingBeforeTheRecordCanBeQuarantined() {
        for state in [DocumentState.ingested, .separated, .recognised, .classified] {
            #expect(state.successors.contains(.quarantined))
            #expect(!state.isSettled)
        }
        #expect([DocumentState.filed, .needsReview, .exported, .quarantined, .released, .retried, .discarded,
                  .offered, .handedOver, .archived, .disposed]
            .allSatisfy { $0.isSettled })
    }

    /// A quarantined file is retried (as a new document) or released with a reason; a released one
    /// can still be retried; a retried one is closed for good.
    @Test func quarantineIsRetriedOrReleased() {
        #expect(DocumentState.quarantined.successors == [.retried, .released])
        #expect(DocumentState.released.successors == [.retried])
        #expect(DocumentState.retried.successors.isEmpty)
        #expect([DocumentState.quarantined, .released, .retried].allSatisfy { $0.isQuarantine })
        #expect(!DocumentState.filed.isQuarantine)
    }

    /// Aussonderung: offered records are handed over or disposed of; an archived or disposed
    /// record's files are gone for good and it goes nowhere.
    @Test func aussonderungEndsInTheArchiveOrInDisposal() {
        #expect(DocumentState.offered.successors == [.handedOver, .disposed])
        #expect(DocumentState.handedOver.successors == [.archived])
        #expect(DocumentState.archived.successors.isEmpty && DocumentState.disposed.successors.isEmpty)
        #expect(!DocumentState.needsReview.successors.contains(.offered))
        #expect([DocumentState.archived, .disposed].allSatisfy { $0.recordFilesRemoved })
        #expect(!DocumentState.handedOver.recordFilesRemoved)
    }
}
