import Testing
@testable import ScanPipeline

/// Where separator sheets divide a source file's pages into documents.
@Suite struct SeparationTests {
    /// `c` content, `b` blank, `s` separator sheet, one letter per page from page 1.
    static func pages(_ pattern: String) -> [StoredPage] {
        pattern.enumerated().map { index, kind in
            StoredPage(number: index + 1, imageSHA256: "", blank: kind == "b", rotation: 0, skew: 0, meanConfidence: nil,
                       text: kind == "c" ? "Text" : "", separator: kind == "s", barcodes: [], quality: [])
        }
    }

    @Test(arguments: [
        ("ccc", [[1, 2, 3]]),
        ("cbscsc", [[1, 2], [4], [6]]),
        // A separator first, and two in a row: no empty documents.
        ("scssc", [[2], [5]]),
        // The separator sheet's blank back side (duplex) starts the next document, which leaves it
        // out of its record as a blank page.
        ("csbcc", [[1], [3, 4, 5]]),
        // A run of blank pages alone after a separator joins the document before it.
        ("ccsbb", [[1, 2, 4, 5]]),
        // A blank run before any content joins the first document.
        ("bscc", [[1, 3, 4]]),
        ("ccs", [[1, 2]]),
    ])
    func splitsAtSeparatorSheets(pattern: String, expected: [[Int]]) {
        #expect(Separation.parts(Self.pages(pattern)) == expected)
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
