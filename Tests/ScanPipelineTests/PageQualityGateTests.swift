import Testing
@testable import ScanPipeline

/// The per-page quality gate: which pages are flagged for rescan, and why.
@Suite struct PageQualityGateTests {
    static func page(resolution: Int = 300, words: Int = 120, confidence: Double? = 91, skew: Double = 0.4) -> RecognizedPage {
        let word = RecognizedWord(text: "Wort", box: PixelBox(x: 0, y: 0, width: 40, height: 20), confidence: 90, line: 0, block: 0)
        return RecognizedPage(
            path: "scan.tif", pageNumber: 1, pageCount: 1, imageSHA256: "", width: 2480, height: 3508,
            resolution: resolution, resolutionSource: .file,
            orientation: OrientationCorrection(detectedDegrees: 0, confidence: 9, appliedDegrees: 0, detector: nil),
            skew: SkewCorrection(detectedDegrees: skew, confidence: 5, appliedDegrees: skew),
            text: "", barcodes: [], words: Array(repeating: word, count: words), meanConfidence: confidence, hocr: "",
            warnings: [], timings: PageTimings())
    }

    @Test(arguments: [
        (page(), [String]()),
        (page(resolution: 150), ["resolution 150 dpi, below the minimum 200 dpi"]),
        (page(confidence: 41), ["mean OCR confidence 41, below 60"]),
        (page(words: 2), ["almost empty (2 words) but not blank"]),
        (page(skew: -7.25), ["skewed by 7.2°, more than 5°"]),
        (page(resolution: 96, confidence: 30), ["resolution 96 dpi, below the minimum 200 dpi", "mean OCR confidence 30, below 60"]),
    ])
    func flagsPagesForRescan(page: RecognizedPage, issues: [String]) {
        #expect(PageQualityGate().issues(page, blank: false, separator: false) == issues)
    }

    /// Separator sheets by barcode always; blank pages only with blank-page separation.
    @Test func classifiesSeparatorSheetsAndBlankPages() {
        var configuration = RunConfiguration(inputs: [], operatorName: "test", workers: 1, softwareVersion: "test")
        var sheet = Self.page(words: 20)
        sheet.barcodes = [Barcode(symbology: "CODE-39", value: "PATCHT")]
        let blank = Self.page(words: 0, confidence: nil)
        #expect(Separation.classify(sheet, configuration: configuration) == (true, false))
        #expect(Separation.classify(blank, configuration: configuration) == (false, true))
        #expect(Separation.classify(Self.page(), configuration: configuration) == (false, false))
        configuration.separateAtBlankPages = true
        #expect(Separation.classify(blank, configuration: configuration) == (true, true))
        configuration.separateAtSeparatorSheets = false
        #expect(Separation.classify(sheet, configuration: configuration) == (false, false))
    }

    /// The blank-page sensitivity: a page with a stamp of two low-confidence words is blank by
    /// default, not with a stricter policy; a page of spaces (scanner streaks) is always blank.
    @Test func blankPageSensitivity() {
        var stamp = Self.page(words: 0, confidence: 40)
        stamp.words = Array(repeating: RecognizedWord(text: "ab", box: PixelBox(x: 0, y: 0, width: 40, height: 20),
                                                      confidence: 40, line: 0, block: 0), count: 2)
        #expect(BlankPagePolicy().isBlank(stamp))
        #expect(!BlankPagePolicy(maximumSpecks: 1).isBlank(stamp))
        var streaks = Self.page(words: 0, confidence: 95)
        streaks.words = Array(repeating: RecognizedWord(text: " ", box: PixelBox(x: 0, y: 0, width: 9, height: 900),
                                                        confidence: 95, line: 0, block: 0), count: 12)
        #expect(BlankPagePolicy(maximumSpecks: 0).isBlank(streaks))
        #expect(!BlankPagePolicy().isBlank(Self.page()))
    }

    @Test func checksBlankPagesAndSeparatorSheetsOnlyForResolution() {
        let gate = PageQualityGate()
        #expect(gate.issues(Self.page(words: 0, confidence: nil), blank: true, separator: false).isEmpty)
        #expect(gate.issues(Self.page(words: 2, confidence: 20), blank: false, separator: true).isEmpty)
        #expect(gate.issues(Self.page(resolution: 100, words: 0), blank: true, separator: false).count == 1)
    }
}
