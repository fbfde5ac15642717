import FilePlan
import Testing
@testable import ScanPipeline

/// Compound splitting against Hunspell's German word list (Debian hunspell-de-de, installed by scripts/setup.sh).
@Suite("German compounds")
struct GermanCompoundsTests {
    @Test(arguments: [
        ("kassenbeleg", ["kasse", "beleg"]),
        ("rundfunkbeitrag", ["rund", "funk", "beitrag"]),  // igerman98 has no Rundfunk of its own
        ("freizeitbad", ["freizeit", "bad"]),
        ("hundesteuer", ["hund", "steuer"]),
        ("archivgesetz", ["archiv", "gesetz"]),
        ("kassenbelege", ["kasse", "beleg"]),
        ("abfallgebuehrenbescheid", ["abfall", "gebuehr", "bescheid"]),
    ])
    func compoundsSplitIntoDictionaryWords(word: String, parts: [String]) throws {
        let compounds = try GermanCompounds.requireAvailable()
        #expect(compounds.parts(of: word) == parts)
    }

    /// Words the dictionary has as a whole stay whole: no `rat` in `Referat`, no `haus` in `Rathaus`.
    @Test(arguments: ["referat", "rathaus", "apparat", "bad", "gemeinde", "xqzvbnmlk"])
    func wordsAndNonsenseStayWhole(word: String) throws {
        #expect(try GermanCompounds.requireAvailable().parts(of: word) == [])
    }

    @Test func plansKeywordsAreFoundInCompounds() throws {
        let parts = GermanText.compoundParts(GermanText.tokens("Sanierung des Freizeitbades"))
        #expect(parts.contains("bad"), "\(parts)")
        // The plan's keyword Bad (Bäder, 54) now speaks for the document, at half weight.
        let plan = try #require(ClassifierTests.plan)
        let evidence = PlanEvidenceCollector(plan: plan).collect("Sanierung des Freizeitbades")
        let baeder = try #require(plan.node(code: "54"))
        #expect(evidence.score(baeder.code) > 0)
        #expect(evidence.evidence(below: baeder, in: plan).contains { $0.hasPrefix("keyword Bad") }, "\(evidence.evidence(below: baeder, in: plan))")
        let terms = GermanText.terms("Der Hundesteuerbescheid")
        for word in ["Hund", "Steuer", "Bescheid"] {
            #expect(terms.contains(try #require(GermanText.terms(word).first)), "\(word) in \(terms)")
        }
    }

    @Test func aWordListGivenDirectly() {
        let compounds = GermanCompounds(words: ["Straße", "Beleuchtung"])
        #expect(compounds.parts(of: "strassenbeleuchtung") == ["strasse", "beleuchtung"])
    }
}
