/// The OCR result of one page: what was done to the image and what was read from it.
public struct RecognizedPage: Sendable, Equatable, Codable {
    /// The source file's path.
    public var path: String
    /// One-based page number within the file.
    public var pageNumber: Int
    /// The number of pages in the file.
    public var pageCount: Int
    /// SHA-256 of the corrected page image that was recognised (see `PixImage.sha256()`).
    public var imageSHA256: String
    /// Size of the corrected page image in pixels.
    public var width: Int
    public var height: Int
    /// The resolution used, in dpi, and where it came from.
    public var resolution: Int
    public var resolutionSource: ResolutionSource
    /// Orientation detection and the rotation applied.
    public var orientation: OrientationCorrection
    /// Skew detection and the rotation applied.
    public var skew: SkewCorrection
    /// The recognised text in reading order.
    public var text: String
    /// Barcodes and QR codes on the page (read before it was turned or straightened).
    public var barcodes: [Barcode]
    /// The words with boxes and confidences.
    public var words: [RecognizedWord]
    /// Mean word confidence (0...100); nil when no word was found.
    public var meanConfidence: Double?
    /// The page as an hOCR `ocr_page` element.
    public var hocr: String
    /// Anything the caller should know (assumed resolution, uncertain orientation, ...).
    public var warnings: [String]
    /// The ink on the page, measured from the image (nil when it could not be measured): what
    /// decides whether it is blank.
    public var ink: InkMeasurement?
    /// Black and white, grey or colour, as scanned: what the record keeps.
    public var colours: PageColours
    /// For a PDF page: characters its own text layer carries. A page with text is never blank.
    public var textLayerCharacters = 0
    /// Seconds spent on this page, by stage.
    public var timings: PageTimings

    /// Seconds spent on this page in all (decode, correction and recognition).
    public var seconds: Double { timings.total }
}

/// The outcome of orientation detection for a page.
public struct OrientationCorrection: Sendable, Equatable, Codable {
    /// Which check decided.
    public enum Detector: String, Sendable, Codable {
        /// Leptonica's count of ascenders and descenders: fast, trusted only for upright pages.
        case textShape = "text-shape"
        /// Tesseract's orientation and script detection.
        case osd
        /// A strip of the page recognised as scanned and as turned: the reading decided.
        case recognition
    }

    /// Clockwise rotation of the content as scanned, in degrees (0, 90, 180, 270), when detected.
    public var detectedDegrees: Int?
    /// The detector's confidence (OSD: Tesseract's; text shape: Leptonica's up/down confidence);
    /// nil when it found too little text.
    public var confidence: Double?
    /// The counter-clockwise rotation applied to correct the page, in degrees (0, 90, 180, 270).
    public var appliedDegrees: Int
    /// The check that decided; nil when orientation was not checked.
    public var detector: Detector?
    /// What recognising a strip both ways read, when a turn was considered.
    public var evidence: String?

    public init(detectedDegrees: Int?, confidence: Double?, appliedDegrees: Int, detector: Detector?, evidence: String? = nil) {
        self.detectedDegrees = detectedDegrees
        self.confidence = confidence
        self.appliedDegrees = appliedDegrees
        self.detector = detector
        self.evidence = evidence
    }

    /// Writes `null` for what was not detected, so that readers see every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(detectedDegrees, forKey: .detectedDegrees)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(appliedDegrees, forKey: .appliedDegrees)
        try container.encode(detector, forKey: .detector)
        try container.encode(evidence, forKey: .evidence)
    }
}

/// The outcome of skew detection for a page.
public struct SkewCorrection: Sendable, Equatable, Codable {
    /// The detected skew in degrees: the counter-clockwise rotation that straightens the text lines
    /// (the convention of the `deskew` tool). Nil when no angle could be measured.
    public var detectedDegrees: Double?
    /// Leptonica's confidence in the angle (ratio of line-alignment scores); nil when not measured.
    public var confidence: Double?
    /// The rotation applied, in degrees counter-clockwise; 0 when the page was left as it was.
    public var appliedDegrees: Double

    public init(detectedDegrees: Double?, confidence: Double?, appliedDegrees: Double) {
        self.detectedDegrees = detectedDegrees
        self.confidence = confidence
        self.appliedDegrees = appliedDegrees
    }

    /// Writes `null` for what was not measured, so that readers see every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(detectedDegrees, forKey: .detectedDegrees)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(appliedDegrees, forKey: .appliedDegrees)
    }
}

/// The colours of a scanned page.
public enum PageColours: String, Sendable, Equatable, Codable {
    case bilevel = "black-and-white"
    case grey
    case colour
}
