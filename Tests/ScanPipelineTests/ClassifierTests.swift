import FilePlan
import Foundation
import Testing
@testable import ScanPipeline

/// The layered classifier with the plan's layers only (no model trained yet, as in a new
/// installation), on the sample letters (ground truth text) and on constructed cases.
@Suite("Plan-based classification")
struct ClassifierTests {
    static let plan: FilePlan? = try? FilePlanLoader().load(
        path: SampleManifest.root.deletingLastPathComponent().appendingPathComponent("fileplans/lindenau-kgst.yaml").path)

    static func classifier(_ policy: DecisionPolicy = .standard) throws -> LayeredClassifier {
        LayeredClassifier(plan: try #require(plan, "the shipped plan does not load"), policy: policy)
    }

    /// On every sample letter the best main group is right, and wherever the classifier files (even
    /// provisionally) it is on the path to the node a records manager would choose.
    @Test(arguments: SampleManifest.cases)
    func ranksEachSampleLetterOnThePathARecordsManagerWouldChoose(sample: SampleManifest.Case) throws {
        let file = try sample.file()
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
        for file in try SampleManifest.required().files {
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

    @Test func findsAnAktenzeichenIntroducedAsIhrZeichen() throws {
        let result = try Self.classifier().classify("Ihr Zeichen: 63.2-0147/2026\nSehr geehrte Damen und Herren")
        #expect(result.references == ["63.2-0147/2026"])
        #expect(result.bestPath.map(\.code).starts(with: ["6", "63"]))
    }

    /// Candidates at every level, each level's probabilities consistent: a child is never more
    /// probable than its parent, and siblings share their parent's probability.
    @Test func givesCandidatesAtEveryLevelWithConsistentProbabilities() throws {
        let classifier = try Self.classifier()
        let result = classifier.classify("Bauantrag für ein Wohnhaus mit Bauzeichnungen und Baubeschreibung")
        let path = result.bestPath
        #expect(path.map(\.level) == Array(1...path.count) && path.count >= 3)
        #expect(zip(path, path.dropFirst()).allSatisfy { $0.probability >= $1.probability })
        let plan = try #require(Self.plan)
        let evidence = PlanEvidenceCollector(plan: plan).collect("Bauantrag für ein Wohnhaus")
        for options in [plan.roots.compactMap { plan.node($0) }, plan.children(of: try #require(plan.node(code: "63")))] {
            let probabilities = classifier.siblingProbabilities(options, level: options[0].level, evidence: evidence, statistical: nil)
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-9)
            #expect(probabilities.allSatisfy { (0...1).contains($0) })
        }
    }

    /// At exactly the threshold a node is filed; a hair above its probability, it is not.
    @Test func filesAtTheThresholdAndNotBelowIt() throws {
        let plan = try #require(Self.plan)
        let text = "Abmeldung des Hundes von der Hundesteuer"
        let open = try Self.classifier(DecisionPolicy(thresholds: [0]))
        let evidence = PlanEvidenceCollector(plan: plan).collect(text)
        let roots = plan.roots.compactMap { plan.node($0) }
        let best = try #require(open.siblingProbabilities(roots, level: 1, evidence: evidence, statistical: nil).max())

        let atThreshold = try Self.classifier(DecisionPolicy(thresholds: [best, 0])).classify(text)
        #expect(atThreshold.decision == .filed && atThreshold.filedUnder?.level == atThreshold.bestPath.count)
        let above = try Self.classifier(DecisionPolicy(thresholds: [best.nextUp, 0])).classify(text)
        #expect(above.decision == .needsReview && above.filedUnder == nil)
        #expect(above.reviewReason?.hasPrefix("not sure at level 1") == true)
        // A deeper level's own threshold stops the walk there and keeps the confident ancestors.
        let deeper = try Self.classifier(DecisionPolicy(thresholds: [best, 1])).classify(text)
        #expect(deeper.decision == .needsReview && deeper.filedUnder?.level == 1)
    }

    @Test func readsThresholdsFromTheCommandLineForm() {
        #expect(DecisionPolicy(parsing: "0.97, 0.9")?.thresholds == [0.97, 0.9])
        #expect(DecisionPolicy(parsing: "0.97,0.9")?.threshold(level: 5) == 0.9)
        #expect(DecisionPolicy(parsing: "1.2") == nil && DecisionPolicy(parsing: "") == nil && DecisionPolicy(parsing: "a") == nil)
    }
}
