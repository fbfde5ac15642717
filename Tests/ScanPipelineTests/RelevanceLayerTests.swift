import FilePlan
import Testing
@testable import ScanPipeline

/// Documents discarded as nicht aktenrelevant are learned: like ones go to review, never discarded automatically.
@Suite("Relevance layer")
struct RelevanceLayerTests {
    static let advertising = [
        "Sonderangebot! Nur diese Woche: Rabatt auf alle Druckerpatronen, Bestellung online im Shop.",
        "Unser Newsletter: Rabattaktion für Büromöbel, jetzt bestellen und Versandkosten sparen.",
        "Werbung: Gratis Probeabo unserer Fachzeitschrift, Rabatt für Neukunden, Bestellung per Fax.",
        "Angebot des Monats: Kaffeemaschinen für Ihr Büro, Rabatt und kostenlose Lieferung, Shop geöffnet.",
        "Neu im Shop: Druckerpapier im Sonderangebot, Rabatt ab zehn Kartons, Bestellung bis Freitag.",
        "Gewinnspiel und Rabatt: Bestellen Sie jetzt Büromaterial im Online-Shop und sparen Sie.",
    ]

    @Test func discardsTeachTheModelWhatIsNoRecord() throws {
        let plan = try #require(ClassifierTests.plan)
        let discarded = Self.advertising.enumerated().map { index, text in
            TrainingDocument(id: "ad-\(index)", text: text, code: TrainingDocument.notRecordRelevantCode, source: "reviews")
        }
        let model = try ModelTrainer(plan: plan).train(FixtureCorpus.corpus().trainingDocuments(for: plan, source: "fixture") + discarded)
        #expect(model.relevance != nil)
        let classifier = LayeredClassifier(plan: plan, model: model)
        let ad = classifier.classify("Sonderangebot für Büromaterial: Rabatt bei Bestellung im Shop bis Monatsende.")
        let probability = try #require(ad.notRecordRelevant)
        #expect(probability >= 0.5)
        #expect(ad.decision == .needsReview)
        #expect(ad.reviewReason?.contains("nicht aktenrelevant") == true, "\(ad.reviewReason ?? "")")
        let letter = classifier.classify("Gemeinde Altdorf\nBetreff: Hundesteuer und Steuerbescheid\nMahnung, Säumniszuschlag.")
        #expect(try #require(letter.notRecordRelevant) < 0.5)
        #expect(letter.reviewReason?.contains("nicht aktenrelevant") != true)
    }

    @Test func tooFewDiscardsTrainNoRelevanceLayer() throws {
        let plan = try #require(ClassifierTests.plan)
        let discarded = Self.advertising.prefix(RelevanceLayer.minimumDiscarded - 1).enumerated().map { index, text in
            TrainingDocument(id: "ad-\(index)", text: text, code: TrainingDocument.notRecordRelevantCode, source: "reviews")
        }
        let model = try ModelTrainer(plan: plan).train(FixtureCorpus.corpus().trainingDocuments(for: plan, source: "fixture") + discarded)
        #expect(model.relevance == nil)
        #expect(LayeredClassifier(plan: plan, model: model).classify("Sonderangebot Rabatt").notRecordRelevant == nil)
    }
}
