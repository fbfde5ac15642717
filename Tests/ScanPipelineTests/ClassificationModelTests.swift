import FilePlan
import GRDB
import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

/// Training the statistical layer, its calibration, its storage in a workspace, and evaluation.
@Suite("Classification model")
struct ClassificationModelTests {
    static func plan() throws -> FilePlan { try #require(ClassifierTests.plan, "the shipped plan does not load") }

    static func training(_ plan: FilePlan) throws -> [TrainingDocument] {
        try FixtureCorpus.corpus().trainingDocuments(for: plan, source: "fixture")
    }

    @Test func sameDocumentsAndSeedGiveTheSameModel() throws {
        let plan = try Self.plan()
        let documents = try Self.training(plan)
        let first = try ModelTrainer(plan: plan, seed: 7).train(documents)
        let second = try ModelTrainer(plan: plan, seed: 7).train(documents)
        #expect(try first.digest() == second.digest())
        #expect(try first.encoded() == second.encoded())
        // Without groups, calibration folds are dealt at random: the seed is part of the model.
        let ungrouped = documents.map { TrainingDocument(id: $0.id, text: $0.text, code: $0.code, source: "fixture") }
        let seeded = try ModelTrainer(plan: plan, seed: 7).train(ungrouped)
        #expect(try seeded.digest() == ModelTrainer(plan: plan, seed: 7).train(ungrouped).digest())
        #expect(seeded.seed == 7 && seeded.documentCount == documents.count)
    }

    @Test func learnsTheSubjectsAndSaysWhichTermsSpokeForThem() throws {
        let plan = try Self.plan()
        let model = try ModelTrainer(plan: plan).train(try Self.training(plan))
        let classifier = LayeredClassifier(plan: plan, model: model, modelVersion: "model@test")
        let result = classifier.classify("Gemeinde Dorfheim\nBetreff: Elternbeitrag für die Krippe und die Eingewöhnung")
        #expect(result.model == "model@test")
        let top = try #require(result.bestPath.first)
        #expect(top.code == "4", "\(result.candidates)")
        #expect(top.evidence.contains { $0.hasPrefix("term ") }, "\(top.evidence)")
        let level = try #require(model.level(1))
        #expect(level.regression.classes == ["4", "6", "7", "9"])
    }

    /// Probabilities sum to 1 among siblings at every level, and the statistical layer's own do too.
    @Test func probabilitiesSumToOne() throws {
        let plan = try Self.plan()
        let model = try ModelTrainer(plan: plan).train(try Self.training(plan))
        let classifier = LayeredClassifier(plan: plan, model: model)
        let text = "Steuerbescheid über die Hundesteuer, Mahnung und Säumniszuschlag"
        let view = StatisticalView(model: model, text: text)
        let regression = try #require(model.level(1)).regression
        #expect(abs(regression.probabilities(view.vector).reduce(0, +) - 1) < 1e-9)
        let evidence = PlanEvidenceCollector(plan: plan).collect(text)
        var options = plan.roots.compactMap { plan.node($0) }
        while !options.isEmpty {
            let probabilities = classifier.siblingProbabilities(options, level: options[0].level, evidence: evidence, statistical: view)
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-9)
            let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
            options = plan.children(of: options[best])
        }
    }

    /// Held-out documents (folds by town): the share filed can only fall as the threshold rises,
    /// and what is filed at a high threshold is at least as precise as at a low one.
    @Test func coverageFallsAsTheThresholdRises() throws {
        let plan = try Self.plan()
        let corpus = FixtureCorpus.corpus()
        var previous: (filed: Double, precision: Double?)?
        for threshold in [0.3, 0.6, 0.9, 0.99] {
            let comparison = try ClassifierComparison.run(
                corpus: corpus, plan: plan, split: .column("municipality"), model: nil, modelVersion: nil,
                policy: DecisionPolicy(thresholds: [threshold]))
            let layered = comparison.layered
            #expect(layered.documents == corpus.documents.count)
            if let previous {
                #expect(layered.autoFiled <= previous.filed)
            }
            previous = (layered.autoFiled, layered.autoFiledPrecision)
        }
        let comparison = try ClassifierComparison.run(corpus: corpus, plan: plan, split: .column("municipality"), model: nil,
                                                      modelVersion: nil, policy: .standard)
        #expect(comparison.layered.mainGroupAccuracy >= 0.9, "\(comparison.layered.confusion)")
        #expect(comparison.baseline?.autoFiled == 1, "the Paperless-style baseline always files")
        #expect(comparison.trainingSeconds.count == FixtureCorpus.towns.count)
        #expect(comparison.layered.groups.map(\.value) == FixtureCorpus.towns)
    }

    @Test func refusesTooLittleToTrainOn() throws {
        let plan = try Self.plan()
        let few = Array(try Self.training(plan).prefix(3))
        #expect(throws: ScanPipelineError.self) { try ModelTrainer(plan: plan).train(few) }
        let unknown = [TrainingDocument(id: "x", text: "Text", code: "99.99", source: "test")]
        let error = #expect(throws: ScanPipelineError.self) { try ModelTrainer(plan: plan).train(unknown) }
        #expect(error?.code == .training && error?.description.contains("99.99") == true)
    }

    /// A model is saved under its hash and named by a model.trained event; a file altered later no
    /// longer loads.
    @Test func savesTheModelInTheWorkspaceAndNoticesTampering() async throws {
        let plan = try Self.plan()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Workspace(root: folder.url)
        #expect(try await workspace.activeModel() == nil)
        let model = try ModelTrainer(plan: plan).train(try Self.training(plan))
        let stored = try await workspace.save(model, trainingSeconds: 1.5, actor: .person("Records Manager"))
        #expect(stored.version == ClassificationModel.version(digest: try model.digest()))
        let active = try #require(try await workspace.activeModel())
        #expect(active.version == stored.version && active.model == model)
        let event = try #require(try await workspace.auditEvents().last)
        #expect(event.action == "model.trained" && event.payload.contains(stored.digest) && event.actor.name == "Records Manager")
        #expect(try await workspace.verifyAuditTrail().isIntact)

        var text = try String(contentsOf: stored.file, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"seed\":2026", with: "\"seed\":2027")
        try text.write(to: stored.file, atomically: true, encoding: .utf8)
        let error = await #expect(throws: ScanPipelineError.self) { try await workspace.activeModel() }
        #expect(error?.code == .invalidModel)
    }

    /// Review decisions become training documents: the newest decision per document, with the
    /// document's recognised text (blank pages left out).
    @Test func turnsReviewDecisionsIntoTrainingDocuments() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Workspace(root: folder.url)
        try await workspace.database.write { db in
            try db.execute(sql: """
                INSERT INTO batch (id, openedAt, operator, profile, schutzbedarf, planVersion)
                  VALUES ('b1', '2026-12-01T00:00:00Z', 'Poststelle', 'default', 'normal', 'test@1');
                INSERT INTO sourceFile (sha256, batch, path, size, ingestedAt) VALUES ('s1', 'b1', 'a.tif', 1, '2026-12-01T00:00:00Z');
                INSERT INTO sourceFile (sha256, batch, path, size, ingestedAt) VALUES ('s2', 'b1', 'b.tif', 1, '2026-12-01T00:00:00Z');
                INSERT INTO document (id, batch, sourceFile, state, pageCount, updatedAt) VALUES ('d1', 'b1', 's1', 'needs-review', 2, '');
                INSERT INTO document (id, batch, sourceFile, state, pageCount, updatedAt) VALUES ('d2', 'b1', 's2', 'needs-review', 1, '');
                INSERT INTO page (document, number, imageSHA256, blank, rotation, skew, wordCount, text)
                  VALUES ('d1', 1, 'p1', 0, 0, 0, 3, 'Bauantrag für ein Wohnhaus'), ('d1', 2, 'p2', 1, 0, 0, 0, 'Rauschen'),
                         ('d2', 1, 'p3', 0, 0, 0, 2, 'Hundesteuer Abmeldung');
                """)
            let reviewer = AuditActor.person("Records Manager")
            for (document, code) in [("d1", "63"), ("d1", "632.10"), ("d2", "933.10")] {
                _ = try AuditTrail.append(db, actor: reviewer, subjects: AuditSubjects(document: document), payload: ReviewAuditPayload.Reviewed(
                    code: code, previousCode: nil, previousState: "needs-review", state: "filed", decision: "reclassified",
                    reviewer: reviewer.name, reason: "checked", planVersion: "test@1"))
            }
        }
        let reviewed = try await workspace.reviewedTrainingDocuments()
        #expect(reviewed.map(\.id) == ["d1", "d2"])
        #expect(reviewed.map(\.code) == ["632.10", "933.10"])
        #expect(reviewed.first?.text == "Bauantrag für ein Wohnhaus" && reviewed.allSatisfy { $0.source == "reviews" })
    }
}
