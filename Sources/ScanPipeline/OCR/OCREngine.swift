internal import COCR
public import Foundation

/// One worker's OCR engine: a Tesseract handle for recognition and one for orientation detection,
/// both created once and reused for every page the worker processes.
///
/// Not thread-safe and not Sendable: it lives on one worker thread of an ``OCRWorkerPool``.
public final class OCREngine {
    let configuration: OCRConfiguration
    private let recognizer: TesseractHandle
    private let orientationDetector: TesseractHandle?
    private let loader: PageLoader
    private let skewDetector: SkewDetector
    private let textOrientation = TextOrientationDetector()
    private let barcodeReader = BarcodeReader()

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
    /// `searchablePDF`, also writes the corrected page with its text layer there as a one-page PDF.
    public func recognize(_ source: SourceFile, page index: Int, searchablePDF: URL? = nil) throws -> RecognizedPage {
        var clock = StageClock()
        var timings = PageTimings()
        let plan = source.pages[index]
        let decoded = try loader.load(source, page: index)
        let scannedAsBilevel = decoded.depth == 1
        guard var image = decoded.grayscale() else {
            throw ScanPipelineError(.corruptFile, path: source.path, "page \(index + 1) could not be converted to grayscale")
        }
        _ = consume decoded
        timings.decode = clock.lap()
        var warnings = plan.warnings
        var barcodes = configuration.readBarcodes ? barcodeReader.read(image, resolution: plan.resolution) : []
        timings.barcodes = clock.lap()

        let orientation = correctOrientation(&image, resolution: plan.resolution, warnings: &warnings)
        timings.orientation = clock.lap()
        let skew = correctSkew(&image)
        timings.deskew = clock.lap()
        // A separator sheet without a barcode: its patch bars, on the upright, straightened page
        // (timed with the barcodes).
        if configuration.readBarcodes, !barcodes.contains(where: \.isSeparator),
           let patch = PatchCodeDetector.detect(image, resolution: plan.resolution) {
            barcodes.append(patch)
        }
        timings.barcodes += clock.lap()
        // A page scanned in black and white goes back to 1 bit after straightening: Tesseract then
        // skips its own thresholding, and the searchable PDF stores the page as G4, not as JPEG.
        if scannedAsBilevel, let bilevel = image.binarised(threshold: 128) {
            image = bilevel
        }
        timings.deskew += clock.lap()

        let recognition: TesseractHandle.Recognition
        do {
            recognition = try recognizer.recognize(image, resolution: plan.resolution, pageNumber: index + 1,
                                                   pdfPath: searchablePDF?.path)
        } catch var error as ScanPipelineError {
            error.path = source.path
            throw error
        }
        timings.recognition = clock.lap()
        return RecognizedPage(
            path: source.path, pageNumber: index + 1, pageCount: source.pageCount,
            imageSHA256: image.sha256(), width: image.width, height: image.height,
            resolution: plan.resolution, resolutionSource: plan.resolutionSource,
            orientation: orientation, skew: skew,
            text: recognition.text, barcodes: barcodes, words: recognition.words, meanConfidence: recognition.meanConfidence,
            hocr: recognition.hocr, warnings: warnings,
            timings: timings)
    }

    /// Turns the page upright. A quick text-shape check settles the common case, an upright page;
    /// anything else goes to OSD, and the page is turned when OSD is confident enough.
    private func correctOrientation(_ image: inout PixImage, resolution: Int,
                                    warnings: inout [String]) -> OrientationCorrection {
        guard let orientationDetector else {
            return OrientationCorrection(detectedDegrees: nil, confidence: nil, appliedDegrees: 0, detector: nil)
        }
        if let quick = textOrientation.estimate(image, resolution: resolution), quick.degrees == 0 {
            return OrientationCorrection(detectedDegrees: 0, confidence: quick.upConfidence, appliedDegrees: 0,
                                         detector: .textShape)
        }
        guard let detected = detectOrientation(image, resolution: resolution, with: orientationDetector) else {
            return OrientationCorrection(detectedDegrees: nil, confidence: nil, appliedDegrees: 0, detector: .osd)
        }
        var result = OrientationCorrection(detectedDegrees: detected.degrees, confidence: detected.confidence,
                                           appliedDegrees: 0, detector: .osd)
        guard detected.degrees % 360 != 0 else { return result }
        guard detected.confidence >= configuration.minimumOrientationConfidence else {
            warnings.append(String(format: "orientation uncertain (OSD says %d° with confidence %.2f); page left as scanned",
                                   detected.degrees, detected.confidence))
            return result
        }
        // The content is turned `degrees` clockwise; turn it back counter-clockwise.
        if let upright = image.rotatedClockwise(quarterTurns: (360 - detected.degrees) / 90) {
            image = upright
            result.appliedDegrees = detected.degrees
        }
        return result
    }

    /// OSD runs Tesseract's layout analysis on the whole page, which at 300 dpi cost as much as 40 %
    /// of the recognition itself. Text is still clearly oriented at lower resolution, so OSD looks
    /// at a copy reduced to `orientationResolution`.
    private func detectOrientation(_ image: borrowing PixImage, resolution: Int,
                                   with detector: TesseractHandle) -> (degrees: Int, confidence: Double)? {
        let target = Self.orientationResolution
        guard resolution > target, let reduced = image.scaled(by: Double(target) / Double(resolution)) else {
            return detector.detectOrientation(image, resolution: resolution)
        }
        return detector.detectOrientation(reduced, resolution: target)
    }

    static let orientationResolution = 150

    /// Measures the skew and straightens the page when the angle is clear and large enough to matter.
    private func correctSkew(_ image: inout PixImage) -> SkewCorrection {
        guard configuration.deskew, let measured = skewDetector.measure(image) else {
            return SkewCorrection(detectedDegrees: nil, confidence: nil, appliedDegrees: 0)
        }
        var result = SkewCorrection(detectedDegrees: measured.degrees, confidence: measured.confidence, appliedDegrees: 0)
        if abs(measured.degrees) >= configuration.minimumSkewDegrees,
           measured.confidence >= configuration.minimumSkewConfidence,
           let straight = image.rotated(counterClockwiseDegrees: measured.degrees) {
            image = straight
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
