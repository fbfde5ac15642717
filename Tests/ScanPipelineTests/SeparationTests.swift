import Testing
@testable import ScanPipeline

/// Where separator sheets divide a source file's pages into documents.
@Suite struct SeparationTests {
    /// `c` content, `b` blank, `s` separator sheet, one letter per page from page 1.
    static func pages(_ pattern: String) -> [StoredPage] {
        pattern.enumerated().map { index, kind in
            StoredPage(number: index + 1, imageSHA256: "", blank: kind == "b", rotation: 0, skew: 0, meanConfidence: nil,
                       text: kind == "c" ? "Text" : "", separator: kind == "s", noText: false, barcodes: [], quality: [])
        }
    }

    /// Each part holds the separator sheet that starts it (left out of its record).
    @Test(arguments: [
        ("ccc", [[1, 2, 3]]),
        ("cbscsc", [[1, 2], [3, 4], [5, 6]]),
        // A separator first, and two in a row: no empty documents.
        ("scssc", [[1, 2], [3, 4, 5]]),
        // The separator sheet's blank back side (duplex) goes with the document it starts, which
        // leaves it out of its record as a blank page.
        ("csbcc", [[1], [2, 3, 4, 5]]),
        // A separator followed by blank pages only joins the document before it.
        ("ccsbb", [[1, 2, 3, 4, 5]]),
        // A blank page before any content joins the first document.
        ("bscc", [[1, 2, 3, 4]]),
        ("ccs", [[1, 2, 3]]),
    ])
    func splitsAtSeparatorSheets(pattern: String, expected: [[Int]]) {
        #expect(Separation.parts(Self.pages(pattern)) == expected)
    }

    @Test(arguments: [
        ("AKTENPLAN:632.10", "632.10"), ("Aktenplan 632.10", "632.10"), ("AKTENPLAN-702", "702"), ("PLAN: 702", "702"),
        ("AKTENPLANUNG 7", nil), ("AKTENPLAN:", nil), ("ASN00123", nil),
    ])
    func readsPlanCodesFromBarcodes(value: String, code: String?) {
        #expect(BarcodePlacement.argument(of: value, after: BarcodePlacement.planWords) == code)
    }

    @Test func recognisesPatchTAndPatch2Codes() {
        for value in ["PATCHT", "patch t", "PATCH-T", "PATCH2", "Patch 2"] {
            #expect(Barcode(symbology: "CODE-39", value: value).isSeparator, "\(value)")
        }
        for value in ["PATCH3", "ASN00123", "TAG:invoice", "PATCHTX"] {
            #expect(!Barcode(symbology: "CODE-39", value: value).isSeparator, "\(value)")
        }
    }
}
