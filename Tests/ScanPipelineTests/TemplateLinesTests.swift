import Foundation
import Testing
@testable import ScanPipeline

/// Template lines: learned per source from the data, removed before classification, subject words kept.
@Suite("Template lines")
struct TemplateLinesTests {
    /// Ten council papers of one town: the letterhead and the "Finanzielle Auswirkungen" section
    /// in 8 of them (80 %), each paper's subject once.
    static let subjects = ["Bebauungsplan Nr. 12 Mühlenweg", "Hundesteuer Hebesatz", "Kindertagesstätte Anbau",
                           "Friedhofsgebühren", "Feuerwehrhaus Neubau", "Straßenbeleuchtung LED", "Schulbezirk Grundschule",
                           "Sportplatz Sanierung", "Wasserversorgung Leitung", "Partnerschaft mit Pornic"]

    static func papers() -> [(source: String, text: String)] {
        subjects.enumerated().map { index, subject in
            let template = index < 8
                ? "Gemeinde Musterstadt · Der Bürgermeister\nDS \(index + 10)/2024 vom \(index + 1).03.2024\nFinanzielle Auswirkungen: Haushalt, Kosten\n"
                : ""
            return ("Musterstadt", template + "Betreff: \(subject)\nDer Rat beschließt über \(subject).")
        }
    }

    @Test func aLineInMostDocumentsOfASourceIsDiscountedASubjectWordIsNot() {
        let templates = TemplateLines(learningFrom: Self.papers())
        let discounted = templates.discounted(Self.papers()[0].text)
        #expect(!discounted.contains("Finanzielle Auswirkungen"), "\(discounted)")
        #expect(!discounted.contains("Der Bürgermeister"))
        // Numbers vary where the template does not: the DS line is one template line.
        #expect(!discounted.contains("DS 10/2024"))
        #expect(discounted.contains("Bebauungsplan Nr. 12 Mühlenweg"))
        // Three template lines gone from a paper that has them; a paper without them stays whole.
        #expect(templates.discounted(Self.papers()[3].text).split(separator: "\n").count == 2)
        #expect(templates.discounted(Self.papers()[9].text) == Self.papers()[9].text)
    }

    @Test func templatesAreLearnedPerSourceNotAcrossSources() {
        // The same line once in each of ten towns is no town's template.
        let documents = (0..<10).map { ("Town \($0)", "Finanzielle Auswirkungen: keine\nBetreff: \(Self.subjects[$0])") }
        #expect(TemplateLines(learningFrom: documents).isEmpty)
    }

    @Test func tooFewDocumentsOrTooShortLinesTeachNothing() {
        #expect(TemplateLines(learningFrom: Array(Self.papers().prefix(2))).isEmpty)
        #expect(TemplateLines.normalised("§ 1") == nil)
        #expect(TemplateLines.normalised("  Telefon: 800-40  16.05.2023 ") == "telefon # #")
    }

    @Test func savedSortedSoTheSameDocumentsGiveTheSameBytes() throws {
        let templates = TemplateLines(learningFrom: Self.papers())
        let encoder = JSONEncoder()
        let data = try encoder.encode(templates)
        #expect(try JSONDecoder().decode(TemplateLines.self, from: data) == templates)
        let lines = try JSONDecoder().decode([String].self, from: data)
        #expect(lines == lines.sorted() && lines.count == templates.count)
    }

    /// An Aktenzeichen in a template line still places the document: references are read from the whole text.
    @Test func anAktenzeichenInATemplateLineStillCounts() throws {
        let plan = try #require(ClassifierTests.plan)
        let letters = (0..<6).map { ("Bauamt", "Stadt Lindenau, Az. 63.2-01\(10 + $0)/2026\nBetreff: \(Self.subjects[$0])") }
        let templates = TemplateLines(learningFrom: letters)
        #expect(templates.count == 1)
        let text = letters[0].1
        let evidence = PlanEvidenceCollector(plan: plan).collect(templates.discounted(text), referencesIn: text)
        #expect(!evidence.references.isEmpty)
    }
}

@Suite("Home weighting")
struct HomeWeightingTests {
    @Test(arguments: [(0, 500, 1.0), (5, 500, 1.0), (25, 150, 4.0), (100, 150, 1.5), (300, 150, 1.0)])
    func aTownsOwnDocumentsCountMoreTheFewerTheyAre(home: Int, other: Int, weight: Double) {
        #expect(HomeWeighting(homeDocuments: home, otherDocuments: other).documentWeight == weight)
    }
}
