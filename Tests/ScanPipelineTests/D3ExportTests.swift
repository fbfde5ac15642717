import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

/// d.3 hostimport: JPL values that survive whatever OCR put into them, and mapping files.
@Suite("d.3 hostimport")
struct D3ExportTests {
    @Test(arguments: [
        ("Bauantrag", "\"Bauantrag\""),
        ("Müller & Söhne, Straße", "\"Müller & Söhne, Straße\""),                 // umlauts kept as they are
        ("Das \"neue\" Rathaus", "\"Das 'neue' Rathaus\""),                       // no quote ends the literal early
        ("C:\\Scans\\", "\"C:/Scans/\""),                                         // no backslash escapes the closing quote
        ("Zeile 1\nZeile 2\r\nZeile 3", "\"Zeile 1 Zeile 2 Zeile 3\""),           // one assignment per line
        ("Tab\there\u{0}\u{7}bell\u{2028}sep", "\"Tab here bell sep\""),          // control characters
        ("  viel    Platz  ", "\"viel Platz\""),
    ])
    func quotesValuesSafely(value: String, expected: String) {
        #expect(D3Exporter.quoted(value, maxLength: 250) == expected)
    }

    @Test func cutsValuesToTheFieldLength() {
        #expect(D3Exporter.quoted("Abfallgebührenbescheid", maxLength: 9) == "\"Abfallgeb\"")
    }

    @Test func readsAMappingAndNamesWhatIsWrongWithOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("d3.yaml")
        try """
            dokuart: POST
            logi_verzeichnis: Fr
            encoding: windows-1252
            fields:
              - field: 1
                value: plan.code
              - field: 2
                value: plan.title
                max_length: 40
            """.write(to: file, atomically: true, encoding: .utf8)
        let mapping = try D3Mapping.load(from: file)
        #expect(mapping.documentType == "POST" && mapping.logicalFolder == "Fr" && mapping.encoding == .windows1252)
        #expect(mapping.fields.map(\.number) == [1, 2] && mapping.fields[1].maxLength == 40)

        for (broken, reason) in [
            ("dokuart: POST\nfields:\n  - field: 1\n    value: plan.colour\n", "unknown value 'plan.colour'"),
            ("dokuart: POST\nfields:\n  - field: 1\n    value: plan.code\n  - field: 1\n    value: plan.title\n", "mapped twice"),
            ("dokuart: POST\nfields:\n  - field: 120\n    value: plan.code\n", "not a dok_dat_feld number"),
            ("dokuart: 'A\"B'\nfields: []\n", "letters and digits"),
            ("fields: []\n", "is not a d.3 mapping"),
        ] {
            try broken.write(to: file, atomically: true, encoding: .utf8)
            let error = #expect(throws: ScanPipelineError.self) { try D3Mapping.load(from: file) }
            #expect(error?.code == .export && error?.path == file.path)
            #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
        }
    }
}
