import FilePlan
import Testing
@testable import ScanPipeline

/// Triage by protection need: which first pages mark a document as confidential.
@Suite struct SchutzbedarfMarkersTests {
    static let letter = "Stadtverwaltung Lindenau\nMarktplatz 1\n34567 Lindenau\n\nSehr geehrte Damen und Herren,\n"
    static let body = String(repeating: "ich bitte um Prüfung meines Antrags auf einen Stellplatz. ", count: 14)

    @Test(arguments: [
        ("Persönlich / vertraulich\nFrau Meier\n" + letter, "vertraulich", Schutzbedarf.hoch),
        ("PERSÖNLICH\nHerrn Schulz\n" + letter, "persönlich", .hoch),
        (letter + "anbei die Arbeitsunfähigkeitsbescheinigung für die Personalakte.", "Personalakte", .hoch),
        (letter + body + "Beigefügt ist das ärztliche Attest.", "Attest", .hoch),
        ("VS - Geheim\n" + letter, "Geheim", .sehrHoch),
        (letter + body + "Es handelt sich um Sozialdaten nach dem SGB X.", "Sozialdaten", .hoch),
    ])
    func marksConfidentialFirstPages(page: String, word: String, level: Schutzbedarf) {
        let marking = SchutzbedarfMarkers.detect(in: page)
        #expect(marking?.level == level)
        if level == .hoch && word != "vertraulich" && word != "persönlich" { #expect(marking?.word == word) }
    }

    @Test(arguments: [
        letter + body,
        // "persönlich" in the body, far from the top, is ordinary language.
        letter + body + "Ich komme gern persönlich vorbei, das bleibt aber vertraulich unter uns.",
    ])
    func leavesOrdinaryLettersAlone(page: String) {
        #expect(SchutzbedarfMarkers.detect(in: page) == nil)
    }
}
