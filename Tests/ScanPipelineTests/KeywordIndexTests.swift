import Testing
@testable import ScanPipeline

/// The rules by which plan keywords are found in a document's words (KeywordMatcher's documentation).
@Suite("Keyword lookup")
struct KeywordIndexTests {
    static let matchers = [
        KeywordMatcher(kind: .keyword, display: "Kfz", parts: ["kfz"], weight: 1),
        KeywordMatcher(kind: .keyword, display: "Hund", parts: ["hund"], weight: 1),
        KeywordMatcher(kind: .keyword, display: "Gebühr", parts: ["gebuehr"], weight: 1),
        KeywordMatcher(kind: .keyword, display: "Freiwillige Feuerwehr", parts: ["freiwillige", "feuerwehr"], weight: 1),
    ]

    static func count(_ text: String, _ matcher: Int) -> Double {
        KeywordIndex(matchers).occurrences(in: GermanText.tokens(text))[matcher]
    }

    @Test(arguments: [
        ("Kfz", 0, 1.0), ("Kfzsteuer", 0, 0), ("Kfz kfz", 0, 2),                       // 3 letters: whole words only
        ("Hundesteuer", 1, 1), ("Schäferhund", 1, 0), ("Hund", 1, 1),                   // 4 to 6: prefixes
        ("Gebühren", 2, 1), ("Abfallgebührenbescheid", 2, 0.5), ("Gebührengebühr", 2, 1),  // 7+: inside at half, once per word
        ("Freiwillige Feuerwehr", 3, 1), ("Freiwillige Feuerwehrhaus", 3, 1), ("Feuerwehr freiwillige", 3, 0),
    ])
    func countsByTheDocumentedRules(text: String, matcher: Int, expected: Double) {
        #expect(Self.count(text, matcher) == expected, "\(text)")
    }

    /// OCR text that lost its spaces makes words longer than any keyword: their start still counts.
    @Test func readsTheStartOfVeryLongWords() {
        #expect(Self.count("Gebühren" + String(repeating: "x", count: 90), 2) == 1)
        #expect(Self.count("Abfall" + "gebühren" + String(repeating: "y", count: 90), 2) == 0.5)
    }

    @Test func writesOutUmlautsBeforeStemming() {
        #expect(GermanText.withUmlauts("gebuehr") == "gebühr")
        #expect(GermanText.withUmlauts("quelle") == "quelle" && GermanText.withUmlauts("aee") == "äe")
        #expect(GermanText.terms("Gebuehren") == GermanText.terms("Gebühren"))
    }
}
