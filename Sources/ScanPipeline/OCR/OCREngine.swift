internal import COCR
public import Foundation

/// One worker's OCR engine: a Tesseract handle for recognition and one for orientation detection,
/// both created once and reused for every page the worker processes.
///
/// Not thread-safe and not Sendable: it lives on one worker thread of an ``OCRWorkerPool``.
public final class OCREngine {
    let configuration: OCRConfiguration
    let recognizer: TesseractHandle
    let orientationDetector: TesseractHandle?
    private let loader: PageLoader
    private let skewDetector: SkewDetector
    let textOrientation = TextOrientationDetector()
    private let barcodeReader = BarcodeReader()
    private let inkDetector = InkDetector()
    private let sheetFinder = SheetFinder()

    init(configuration: OCRConfiguration) throws {
        self.configuration = configuration
        recognizer = try TesseractHandle(
            languages: configuration.languages, dataPath: configuration.dataPath, pageSegmentation: PSM_AUTO)
        orientationDetector = configuration.correctOrientation
            ? try TesseractHandle(languages: "osd", dataPath: configuration.dataPath, pageSegmentation: PSM_OSD_ONLY)
            : nil
        loader = PageLoader(configuration: configuration.ingest)
        skewDetector = SkewDetector(maximumDegrees: configuration.maximumSkewDegrees)
    }

    /// The Tesseract library version.
    public static var tesseractVersion: String { TesseractHandle.version }

    /// Decodes page `index` of `source`, corrects orientation and skew, and recognises it. With
    /// `searchablePDF`, also writes the corrected page with its text layer there as a one-page PDF:
    /// the page image at its own resolution and colours (1-bit as G4, grey and colour as JPEG, an
    /// untouched JPEG as it was), or, for a PDF source, the text layer alone, which the record lays
    /// over the original page (``PDFPageGraft``).
    public func recognize(_ source: SourceFile, page index: Int, searchablePDF: URL? = nil) throws -> RecognizedPage {
        var clock = StageClock()
        var timings = PageTimings()
        let plan = source.pages[index]
        let decoded = try loader.load(source, page: index)
        // The record keeps the page's colours; recognition and every measurement use grey.
        let colours: PageColours = decoded.depth == 1 || decoded.isEffectivelyBilevel ? .bilevel
            : decoded.hasColour ? .colour : .grey
        guard var image = decoded.grayscale() else {
            throw ScanPipelineError(.corruptFile, path: source.path, "page \(index + 1) could not be converted to grayscale")
        }
        timings.decode = clock.lap()
        var warnings = plan.warnings
        var barcodes = configuration.readBarcodes ? barcodeReader.read(image, resolution: plan.resolution) : []
        timings.barcodes = clock.lap()
        let ink = inkDetector.measure(image, resolution: plan.resolution)
        // A page without a mark has nothing to turn, straighten or read; nor has a separator
        // sheet, when the run only needs its barcode.
        let separatorOnly = !configuration.recogniseSeparatorSheets && barcodes.contains(where: \.isSeparator)
        let hasText = plan.textLayerCharacters >= PDFInspector.textLayerMinimumCharacters
        let hasInk = ((ink?.marks ?? 1) > 0 || hasText) && !separatorOnly
        let fill = colours == .colour ? decoded.borderColour() : image.borderColour()
        timings.deskew = clock.lap()
        let page = PageSource(source: source, plan: plan, index: index, colours: colours, fill: fill,
                              searchablePDF: searchablePDF, blank: !hasInk)

        var orientation = OrientationCorrection(detectedDegrees: nil, confidence: nil, appliedDegrees: 0, detector: nil)
        var settled = !hasInk || orientationDetector == nil
        if !settled { (orientation, settled) = orientBeforeRecognition(&image, resolution: plan.resolution) }
        timings.orientation = clock.lap()
        var skew = hasInk ? measureSkew(image) : SkewCorrection(detectedDegrees: nil, confidence: nil, appliedDegrees: 0)
        timings.deskew += clock.lap()
        var reading = try read(page, upright: image, decoded: decoded, turnedBy: orientation.appliedDegrees, skew: skew.appliedDegrees)
        timings.recognition = clock.lap()

        // Orientation the text shapes could not settle: a page that reads well, with its lines
        // across, is upright; otherwise OSD proposes a turn and recognising a strip both ways
        // decides it. With a few words only there is too little text to orient by.
        if !settled, !reading.score.isGood || reading.recognition.readsVertically,
           reading.recognition.textualWordCount >= Self.wordsToOrientBy {
            let wasted = timings.recognition
            orientation = orientAfterRecognition(image, resolution: plan.resolution)
            if orientation.appliedDegrees != 0,
               let turned = image.rotatedClockwise(quarterTurns: (360 - orientation.appliedDegrees) / 90) {
                image = turned
                skew = measureSkew(image)
                timings.orientation += clock.lap() + wasted
                reading = try read(page, upright: image, decoded: decoded, turnedBy: orientation.appliedDegrees,
                                   skew: skew.appliedDegrees)
                timings.recognition = clock.lap()
            } else {
                timings.orientation += clock.lap()
            }
        }

        // No correction may make recognition worse: when the straightened page reads next to
        // nothing, the upright page as it was is read too, and the better reading kept.
        if skew.appliedDegrees != 0, reading.score.readsAlmostNothing {
            let unstraightened = try read(page.writingBeside, upright: image, decoded: decoded,
                                          turnedBy: orientation.appliedDegrees, skew: 0)
            let note = String(format: "straightening by %.2f° left out: the page as scanned read %d confident letters, "
                              + "straightened %d", skew.appliedDegrees, unstraightened.score.letters, reading.score.letters)
            if try keep(unstraightened, over: &reading, pdf: searchablePDF) {
                warnings.append(note)
                skew.appliedDegrees = 0
            }
            timings.deskew += clock.lap()
        }

        // A page of text is never a separator sheet by bar-like shapes alone (a letter straightened
        // by 16° was taken for one): a Patch T sheet carries a few lines at most.
        if configuration.readBarcodes, !barcodes.contains(where: \.isSeparator),
           reading.recognition.words.count < Self.maximumWordsOnASeparatorSheet,
           let gray = reading.image.grayscale(),
           let patch = PatchCodeDetector.detect(gray, resolution: plan.resolution) {
            barcodes.append(patch)
        }
        timings.barcodes += clock.lap()
        let recognition = reading.recognition
        return RecognizedPage(
            path: source.path, pageNumber: index + 1, pageCount: source.pageCount,
            imageSHA256: reading.image.sha256(), width: reading.image.width, height: reading.image.height,
            resolution: plan.resolution, resolutionSource: plan.resolutionSource,
            orientation: orientation, skew: skew,
            text: recognition.text, barcodes: barcodes, words: recognition.words, meanConfidence: recognition.meanConfidence,
            hocr: recognition.hocr, warnings: warnings, ink: ink, colours: colours,
            textLayerCharacters: plan.textLayerCharacters, timings: timings)
    }

    /// What every reading of one page shares.
    struct PageSource {
        var source: SourceFile
        var plan: SourcePage
        var index: Int
        var colours: PageColours
        var fill: BorderColour
        var searchablePDF: URL?
        /// Not a mark on it: nothing to recognise.
        var blank: Bool

        /// The same page, its PDF written beside the first, for another reading of it.
        var writingBeside: PageSource {
            var copy = self
            copy.searchablePDF = searchablePDF.map(OCREngine.alternative)
            return copy
        }
    }

    /// One recognition of a page in one form: the image recognised, what was read, and how well.
    struct Reading: ~Copyable {
        var image: PixImage
        var recognition: TesseractHandle.Recognition
        var score: RecognitionScore
    }

    /// Straightens `upright` by `skew` degrees (its border colour brought in) and recognises it.
    /// With a searchable PDF to write, its page image is the scan at its own depth: a 1-bit copy
    /// when it was scanned in black and white (stored as G4), the colour scan turned and
    /// straightened the same way, and an untouched JPEG as its own bytes.
    private func read(_ page: PageSource, upright: borrowing PixImage, decoded: borrowing PixImage,
                      turnedBy degrees: Int, skew: Double) throws -> Reading {
        var gray: PixImage
        if skew != 0, let straight = upright.rotated(counterClockwiseDegrees: skew, fill: page.fill) {
            gray = straight
        } else if let copy = PixImage(taking: pixClone(upright.pointer)) {
            gray = copy
        } else {
            throw ScanPipelineError(.recognition, path: page.source.path, "page \(page.index + 1) could not be copied")
        }
        // A page scanned in black and white goes back to 1 bit after straightening: Tesseract then
        // skips its own thresholding, and the searchable PDF stores the page as G4, not as JPEG.
        if page.colours == .bilevel, let bilevel = gray.binarised(threshold: 128) {
            gray = bilevel
            // Tesseract's renderer writes a page read from a PNG as Flate, whatever its depth;
            // a black-and-white page is G4 (as compact, and lossless too).
            pixSetInputFormat(gray.pointer, Int32(IFF_TIFF_G4))
        }
        let pageImage: PixImage
        if page.colours == .colour, page.source.format != .pdf, page.searchablePDF != nil,
           let colour = decoded.rgb()?.turned(clockwiseDegrees: (360 - degrees) % 360, straightenedBy: skew, fill: page.fill) {
            pageImage = colour
        } else if let same = PixImage(taking: pixClone(gray.pointer)) {
            pageImage = same
        } else {
            throw ScanPipelineError(.recognition, path: page.source.path, "page \(page.index + 1) could not be copied")
        }
        // A sheet on a dark background (a receipt on a flatbed's lid, a page photographed on a
        // desk) is recognised on its own, so Tesseract thresholds the paper, not paper and desk.
        let sheet = page.fill.luminance < Self.darkBorder && page.colours != .bilevel
            ? sheetFinder.sheet(gray, resolution: page.plan.resolution) : nil
        let output = page.searchablePDF.map { pdf in
            TesseractHandle.PDFOutput(
                path: pdf.path, textOnly: page.source.format == .pdf,
                originalFile: degrees == 0 && skew == 0 && page.source.format == .jpeg
                    && !SourceInspector.jpegIsCMYK(page.source.path) ? page.source.path : nil)
        }
        do {
            let recognition = if let output {
                try recognizer.recognize(gray, resolution: page.plan.resolution, pageNumber: page.index + 1,
                                         pdf: output, pageImage: pageImage, blank: page.blank, within: sheet,
                                         hocr: configuration.produceHOCR)
            } else {
                try recognizer.recognize(gray, resolution: page.plan.resolution, pageNumber: page.index + 1,
                                         blank: page.blank, within: sheet, hocr: configuration.produceHOCR)
            }
            return Reading(image: gray, recognition: recognition, score: RecognitionScore(recognition.words))
        } catch var error as ScanPipelineError {
            error.path = page.source.path
            throw error
        }
    }

    static let maximumWordsOnASeparatorSheet = 80
    /// A border darker than this (0...255) is a dark background around the sheet.
    static let darkBorder = 100
    static let wordsToOrientBy = 10

    static func alternative(_ pdf: URL) -> URL {
        pdf.deletingLastPathComponent().appendingPathComponent("alt-" + pdf.lastPathComponent)
    }

    /// Keeps `alternative` when it reads far better than `reading`; its page PDF, written beside
    /// the first (``PageSource/writingBeside``), then takes the first one's place.
    private func keep(_ alternative: consuming Reading, over reading: inout Reading, pdf: URL?) throws -> Bool {
        let written = pdf.map(Self.alternative)
        guard alternative.score.isFarBetter(than: reading.score) else {
            if let written { try? FileManager.default.removeItem(at: written) }
            return false
        }
        reading = alternative
        if let pdf, let written, rename(written.path, pdf.path) != 0 {
            throw ScanPipelineError(.recognition, path: pdf.path, "the page PDF could not be replaced: \(String(cString: strerror(errno)))")
        }
        return true
    }

    /// Measures the skew; the angle is applied when it is clear and large enough to matter.
    private func measureSkew(_ image: borrowing PixImage) -> SkewCorrection {
        guard configuration.deskew, let measured = skewDetector.measure(image) else {
            return SkewCorrection(detectedDegrees: nil, confidence: nil, appliedDegrees: 0)
        }
        var result = SkewCorrection(detectedDegrees: measured.degrees, confidence: measured.confidence, appliedDegrees: 0)
        if abs(measured.degrees) >= configuration.minimumSkewDegrees, measured.confidence >= configuration.minimumSkewConfidence {
            result.appliedDegrees = measured.degrees
        }
        return result
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
