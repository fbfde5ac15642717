import Testing
@testable import ScanPipeline

/// The per-page quality gate: which pages are flagged for rescan, and why.
@Suite struct PageQualityGateTests {
    static func page(resolution: Int = 300, words: Int = 120, confidence: Double? = 91, skew: Double = 0.4,
                     ink: InkMeasurement? = InkMeasurement(coverage: 0.03, marks: 900, punchHoles: 0)) -> RecognizedPage {
        let word = RecognizedWord(text: "Wort", box: PixelBox(x: 0, y: 0, width: 40, height: 20), confidence: 90, line: 0, block: 0)
        return RecognizedPage(
            path: "scan.tif", pageNumber: 1, pageCount: 1, imageSHA256: "", width: 2480, height: 3508,
            resolution: resolution, resolutionSource: .file,
            orientation: OrientationCorrection(detectedDegrees: 0, confidence: 9, appliedDegrees: 0, detector: nil),
            skew: SkewCorrection(detectedDegrees: skew, confidence: 5, appliedDegrees: skew),
            text: "", barcodes: [], words: Array(repeating: word, count: words), meanConfidence: confidence, hocr: "",
            warnings: [], ink: ink, colours: .grey, timings: PageTimings())
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
        let blank = Self.page(words: 0, confidence: nil, ink: InkMeasurement(coverage: 0, marks: 0, punchHoles: 2))
        #expect(Separation.classify(sheet, configuration: configuration) == (true, false))
        #expect(Separation.classify(blank, configuration: configuration) == (false, true))
        #expect(Separation.classify(Self.page(), configuration: configuration) == (false, false))
        configuration.separateAtBlankPages = true
        #expect(Separation.classify(blank, configuration: configuration) == (true, true))
        configuration.separateAtSeparatorSheets = false
        #expect(Separation.classify(sheet, configuration: configuration) == (false, false))
    }

    /// Blank means no ink, whatever recognition read: a page of handwriting Tesseract reads no
    /// word of is not blank; a page of scanner streaks it reads "words" of spaces on is.
    @Test func blankMeansNoInk() {
        var handwriting = Self.page(words: 0, confidence: nil, ink: InkMeasurement(coverage: 0.004, marks: 140, punchHoles: 0))
        #expect(!BlankPagePolicy().isBlank(handwriting))
        #expect(!handwriting.hasRecognisedText)
        handwriting.words = [RecognizedWord(text: "ab", box: PixelBox(x: 0, y: 0, width: 40, height: 20),
                                            confidence: 40, line: 0, block: 0)]
        #expect(!handwriting.hasRecognisedText)
        var streaks = Self.page(words: 0, confidence: 95, ink: InkMeasurement(coverage: 0, marks: 0, punchHoles: 0))
        streaks.words = Array(repeating: RecognizedWord(text: " ", box: PixelBox(x: 0, y: 0, width: 9, height: 900),
                                                        confidence: 95, line: 0, block: 0), count: 12)
        #expect(BlankPagePolicy().isBlank(streaks))
        // A speck: blank by default, not with a stricter policy.
        let speck = Self.page(words: 0, confidence: nil, ink: InkMeasurement(coverage: 0.00001, marks: 1, punchHoles: 0))
        #expect(BlankPagePolicy().isBlank(speck))
        #expect(!BlankPagePolicy(maximumCoverage: 0.000001).isBlank(speck))
        // Without a measurement nothing is known: the page is kept.
        #expect(!BlankPagePolicy().isBlank(Self.page(words: 0, confidence: nil, ink: nil)))
        // Handwriting is read poorly by nature: not a reason to rescan.
        #expect(PageQualityGate().issues(handwriting, blank: false, separator: false).isEmpty)
    }

    @Test func checksBlankPagesAndSeparatorSheetsOnlyForResolution() {
        let gate = PageQualityGate()
        #expect(gate.issues(Self.page(words: 0, confidence: nil), blank: true, separator: false).isEmpty)
        #expect(gate.issues(Self.page(words: 2, confidence: 20), blank: false, separator: true).isEmpty)
        #expect(gate.issues(Self.page(resolution: 100, words: 0), blank: true, separator: false).count == 1)
    }
}
