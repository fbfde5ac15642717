import Foundation
import Testing
@testable import ScanPipeline

/// German normalisation for matching and for the statistical layer.
@Suite("German text normalisation")
struct GermanTextTests {
    @Test func rejoinsWordsHyphenatedAtLineEnds() {
        #expect(GermanText.tokens("Bau-\nantrag für die Straßen-\n Beleuchtung") == ["bauantrag", "fuer", "die", "strassen", "beleuchtung"])
        // A hyphen before a capital letter joins two words of a pair (`Straßen- und Wegebau`): kept apart.
        #expect(GermanText.tokens("Straßen-\nUnd") == ["strassen", "und"])
    }

    @Test(arguments: [
        ("Gebühr", "gebuehr"), ("GEBÜHR", "gebuehr"), ("Gebuehr", "gebuehr"), ("Straße", "strasse"), ("STRASSE", "strasse"),
        ("Gebu\u{0308}hr", "gebuehr"),  // decomposed ü, as some PDF extracts write it
    ])
    func foldsCaseUmlautsAndSharpS(written: String, folded: String) {
        #expect(GermanText.tokens(written) == [folded])
    }

    @Test func stemsInflectedFormsToOneTerm() {
        #expect(GermanText.terms("Bauanträge") == GermanText.terms("Bauantrag"))
        #expect(GermanText.terms("Satzungen") == GermanText.terms("Satzung"))
        #expect(GermanText.terms("Gebühren") == ["gebuhr"])
    }

    @Test func dropsStopWordsNumbersAndOCRDebris() {
        let terms = GermanText.terms("Sehr geehrte Damen und Herren, die Hundesteuer 2026 für lll ___ x7z Nr. 12 iii wird erhoben")
        // Hundesteuer's parts count too (hund, steuer: see GermanCompounds).
        #expect(terms == ["hundesteur", "hund", "steur", "erhob"])
    }

    @Test(arguments: [("Hundesteuer", true), ("lll", false), ("ab", false), ("x7z", false), ("Bcdfg", false), ("Straße", true)])
    func tellsWordsFromDebris(token: String, isWord: Bool) {
        #expect(GermanText.isWord(token.lowercased()) == isWord)
    }
}
