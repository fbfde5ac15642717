import FilePlan
import Foundation
import TestSupport
import Testing
@testable import ScanPipeline

/// When a discard (nicht aktenrelevant) needs four eyes: by the rules of a change of placement,
/// unless the policy says one reviewer is enough.
@Suite struct ReviewPolicyTests {
    @Test(arguments: [
        (Schutzbedarf.normal, "632.10", nil as String?), (.hoch, "632.10", "Schutzbedarf hoch"),
        (.sehrHoch, "632.10", "Schutzbedarf sehr-hoch"), (.normal, "110", "plan code 110 is under 11"),
    ])
    func discardFollowsTheFourEyesRulesByDefault(level: Schutzbedarf, code: String, rule: String?) throws {
        let policy = ReviewPolicy(codes: [try #require(PlanCode("11"))])
        #expect(policy.discard == .fourEyes)
        #expect(policy.discardSecondReviewerRule(schutzbedarf: level, code: PlanCode(code)) == rule)
    }

    @Test func aSingleReviewerPolicyNeverAsksForASecond() throws {
        let policy = ReviewPolicy(codes: [try #require(PlanCode("11"))], discard: .single)
        #expect(policy.discardSecondReviewerRule(schutzbedarf: .sehrHoch, code: PlanCode("110")) == nil)
    }

    @Test func theFileSaysHowDiscardsAreDecided() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let single = try folder.write("single.yaml", "four_eyes:\n  schutzbedarf: sehr-hoch\n  discard: single\n")
        #expect(try ReviewPolicy.load(URL(fileURLWithPath: single)) == ReviewPolicy(schutzbedarf: .sehrHoch, discard: .single))
        let missing = folder.path("none.yaml")
        #expect(try ReviewPolicy.load(URL(fileURLWithPath: missing)).discard == .fourEyes)
        let wrong = try folder.write("wrong.yaml", "four_eyes:\n  discard: sometimes\n")
        #expect(throws: ScanPipelineError.self) { try ReviewPolicy.load(URL(fileURLWithPath: wrong)) }
    }
}
