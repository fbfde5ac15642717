import Foundation
import Testing
@testable import FilePlan

@Suite("Aktenzeichen lookup")
struct ReferenceLookupTests {
    @Test(arguments: [
        ("63.2-0147/2024", "63.2"),      // a node, written as in the plan
        ("632-0147/2024", "63.2"),       // the same node, written without the dot
        ("632.10-88/2025", "632.10"),    // a deeper node
        ("632.99-1/2025", "63.2"),       // no such node: its deepest existing ancestor
        ("63.7-5/2024", "63"),
        ("20.1/Mü", "201"),
        ("0147", "01"),                  // digit by digit: 0 → 01, the rest does not exist
    ])
    func resolvesAReferenceToItsNodeOrDeepestAncestor(reference: String, expected: String) throws {
        #expect(try PlanFixtures.plan().resolve(reference: reference)?.code.written == expected)
    }

    @Test func resolvesNothingOutsideThePlan() throws {
        let plan = try PlanFixtures.plan()
        #expect(plan.resolve(reference: "99.1-5/2024") == nil)
        #expect(plan.resolve(reference: "Bauantrag") == nil)
    }

    @Test(arguments: [
        ("Ihr Zeichen: 63.2-0147/2024", "63.2-0147/2024", "63.2", "Ihr Zeichen"),
        ("Betreff: Bauantrag Az. 632.10 vom 3. Mai", "632.10", "632.10", "Az."),
        ("Ihr Zeichen: 20.1/Mü, Unser Zeichen: K-17", "20.1/Mü", "20.1", "Ihr Zeichen"),
        ("Aktenzeichen 632.20-4/2026", "632.20-4/2026", "632.20", "Aktenzeichen"),
        ("Geschäftszeichen: 020-11/2025", "020-11/2025", "020", "Geschäftszeichen"),
        ("wie besprochen (63.2-0147/2024) sende ich", "63.2-0147/2024", "63.2", nil),
    ] as [(String, String, String, String?)])
    func findsReferencesAsTheyAppearInLetters(text: String, reference: String, code: String, label: String?) throws {
        let found = PlanReference.scan(text)
        let first = try #require(found.first)
        #expect(first.text == reference)
        #expect(first.code.written == code)
        #expect(first.label == label)
    }

    @Test func findsNoReferenceInOrdinaryDatesAndAmounts() {
        #expect(PlanReference.scan("Lindenau, 03.11.2026. Betrag: 1.250,00 EUR, Tel. 0341-12345").isEmpty)
    }

    @Test func linksReferencesInALetterToNodes() throws {
        let plan = try PlanFixtures.plan()
        let letter = """
            Stadt Lindenau, Bauordnungsamt
            Ihr Zeichen: 63.2-0147/2024
            Sehr geehrte Damen und Herren, anbei die fehlenden Bauvorlagen.
            """
        let links = plan.references(in: letter)
        #expect(links.map(\.node.code.written) == ["63.2"])
    }
}
