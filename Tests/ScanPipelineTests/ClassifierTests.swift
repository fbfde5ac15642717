import FilePlan
import Foundation
import Testing
@testable import ScanPipeline

/// The plan-based classifier on the sample letters (ground truth text) and on constructed cases.
@Suite("Plan-based classification")
struct ClassifierTests {
    static let plan: FilePlan? = try? FilePlanLoader().load(
        path: SampleManifest.root.deletingLastPathComponent().appendingPathComponent("fileplans/lindenau-kgst.yaml").path)

    static func classifier() throws -> PlanRuleClassifier {
        PlanRuleClassifier(plan: try #require(plan, "the shipped plan does not load"))
    }

    /// On every sample letter the best main group is right, and wherever the classifier files (even
    /// provisionally) it is on the path to the node a records manager would choose.
    @Test(arguments: SampleManifest.shared?.files ?? [])
    func ranksEachSampleLetterOnThePathARecordsManagerWouldChoose(file: SampleManifest.File) throws {
        let text = try file.pages.map(SampleManifest.groundTruth).joined(separator: "\n")
        let result = try Self.classifier().classify(text)
        let expected = try #require(PlanCode(file.planCode))
        #expect(result.candidates.first?.code == String(file.planCode.prefix(1)), "\(file.file): \(result.candidates.first!)")
        if let filed = result.filedUnder {
            let code = try #require(PlanCode(filed.code))
            #expect(code.isDescendant(ofOrEqualTo: expected) || expected.isDescendant(ofOrEqualTo: code),
                    "\(file.file): filed under \(filed.code) \(filed.title), expected \(file.planCode)")
        }
        if result.decision == .needsReview { #expect(result.reviewReason != nil) }
    }

    /// It files about half of the samples on its own, never wrongly; the rest go to review.
    @Test func filesHalfTheSamplesAutomaticallyAndNoneWrongly() throws {
        let classifier = try Self.classifier()
        var automatic = 0
        for file in SampleManifest.shared?.files ?? [] {
            let result = classifier.classify(try file.pages.map(SampleManifest.groundTruth).joined(separator: "\n"))
            guard result.decision == .filed, let filed = result.filedUnder else { continue }
            automatic += 1
            #expect(try #require(PlanCode(filed.code)).isDescendant(ofOrEqualTo: try #require(PlanCode(file.planCode))),
                    "\(file.file) filed automatically under \(filed.code)")
        }
        #expect(automatic >= 4)
    }

    @Test func anAktenzeichenOutweighsKeywords() throws {
        let result = try Self.classifier().classify("Az. 66.1-23/2026\nBetreff: Ihre Anfrage zum Wochenmarkt")
        #expect(result.references == ["66.1-23/2026"])
        #expect(result.candidates.first { $0.level == 3 }?.code == "661")
        #expect(result.filedUnder?.evidence.contains { $0.hasPrefix("Aktenzeichen") } == true)
    }

    @Test func textWithoutAnyPlanTermIsQueuedForReview() throws {
        let result = try Self.classifier().classify("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")
        #expect(result.decision == .needsReview && result.filedUnder == nil)
        #expect(result.reviewReason == "nothing in the text matches the file plan")
    }

    @Test func stopsAtTheDeepestConfidentLevel() throws {
        // Clearly building supervision, but nothing says which kind of procedure.
        let result = try Self.classifier().classify("Bauaufsicht Bauordnung Bauaufsicht Bauordnung")
        #expect(result.decision == .needsReview)
        #expect(result.filedUnder?.code == "63")
        #expect(result.reviewReason != nil)
    }

    @Test func rejoinsWordsHyphenatedAtLineEnds() {
        #expect(GermanText.tokens("Bau-\nantrag für die Straßen-\n Beleuchtung") == ["bauantrag", "fuer", "die", "strassen", "beleuchtung"])
    }
}
