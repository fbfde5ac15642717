import Foundation
import Testing
@testable import ScanPipeline

/// The first settlement wins, whether the waiter came before or after it.
@Suite struct FirstOutcomeTests {
    @Test func theFirstSettlementWinsAndALaterWaiterGetsIt() async {
        let outcome = FirstOutcome<String>()
        #expect(outcome.settle("work"))
        #expect(!outcome.settle("watchdog"))
        #expect(await outcome.value == "work")
    }

    @Test func aWaiterBeforeTheSettlementIsResumedByIt() async {
        let outcome = FirstOutcome<Int>()
        async let waited = outcome.value
        try? await Task.sleep(for: .milliseconds(50))
        #expect(outcome.settle(7))
        #expect(!outcome.settle(8))
        #expect(await waited == 7)
    }
}
