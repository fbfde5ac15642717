import Testing
@testable import FilePlan

/// Aufbewahrungsende: counted from the end of the year the file was closed in.
@Suite("Retention end")
struct RetentionEndTests {
    static func date(_ text: String) -> PlanDate { PlanDate(text)! }

    @Test(arguments: [
        ("2026-03-05", 10, "2036-12-31"),
        ("2026-12-31", 10, "2036-12-31"),
        ("2026-01-01", 1, "2027-12-31"),
        ("2024-02-29", 4, "2028-12-31"),   // a leap day closes like any other day
        ("2026-06-30", 0, "2026-12-31"),   // no retention: due at the end of the closing year
    ])
    func countsFromTheEndOfTheClosingYear(closed: String, years: Int, end: String) {
        let result = RetentionEnd(retention: .years(years), disposal: .destroy, closedOn: Self.date(closed))
        #expect(result.status == .until && result.date == Self.date(end))
        #expect(result.description == "until \(end), then V (vernichten)")
    }

    @Test func permanentRecordsNeverEnd() {
        for closed in [nil, Self.date("2026-03-05")] {
            let result = RetentionEnd(retention: .permanent, disposal: .archive, closedOn: closed)
            #expect(result.status == .permanent && result.date == nil && !result.hasEnded(on: Self.date("2999-12-31")))
        }
    }

    @Test func anOpenFileHasNoEndYet() {
        let result = RetentionEnd(retention: .years(10), disposal: .appraise, closedOn: nil)
        #expect(result.status == .open && result.date == nil && !result.hasEnded(on: Self.date("2999-12-31")))
        #expect(result.description == "open (not closed), 10 years after closing, then B (bewerten)")
    }

    @Test func endsTheDayAfterTheLastDay() {
        let result = RetentionEnd(retention: .years(6), disposal: .destroy, closedOn: Self.date("2020-05-01"))
        #expect(!result.hasEnded(on: Self.date("2026-12-31")) && result.hasEnded(on: Self.date("2027-01-01")))
    }

    /// The shipped plan gives every node a retention and a disposal code (inherited where not set).
    @Test func everyShippedPlanNodeHasARetentionEnd() throws {
        let plan = try ShippedPlanTests.plan()
        let closed = Self.date("2026-03-05")
        #expect(plan.nodes.allSatisfy { $0.retentionEnd(closedOn: closed) != nil })
        let permanent = try #require(plan.node(code: "00")?.retentionEnd(closedOn: closed))
        #expect(permanent.status == .permanent && permanent.disposal == .archive)
    }
}
