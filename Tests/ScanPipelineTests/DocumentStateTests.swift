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
        #expect(DocumentState.needsReview.successors == [.filed, .exported])  // a review files it
        #expect(DocumentState.exported.successors == [.filed])  // a review moved it: export it again
    }

    @Test func skipsNoStageAndNeverGoesBack() {
        #expect(!DocumentState.separated.successors.contains(.classified))
        #expect(!DocumentState.recognised.successors.contains(.filed))
        #expect(!DocumentState.filed.successors.contains(.classified))
        #expect(DocumentState.quarantined.successors.isEmpty)
    }

    @Test func anythingBeforeTheRecordCanBeQuarantined() {
        for state in [DocumentState.ingested, .separated, .recognised, .classified] {
            #expect(state.successors.contains(.quarantined))
            #expect(!state.isSettled)
        }
        #expect([DocumentState.filed, .needsReview, .exported, .quarantined].allSatisfy { $0.isSettled })
    }
}
