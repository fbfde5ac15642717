/// How pages are corrected and recognised. The defaults are scanctl's documented defaults.
public struct OCRConfiguration: Sendable, Equatable {
    /// Tesseract languages joined with `+`, e.g. `deu` or `deu+eng`.
    public var languages: String
    /// Folder holding `*.traineddata`; nil uses Tesseract's default (or `TESSDATA_PREFIX`).
    public var dataPath: String?
    /// Detect and correct pages turned by 90°, 180° or 270°.
    public var correctOrientation: Bool
    /// OSD results below this confidence are reported but not acted on: on blank, noisy or sparse
    /// pages OSD guesses with confidences below 2 (seen: 0.01 on a noisy page, 1.65 on a blank one
    /// with scanner streaks), while turned text pages score 6 and more.
    public var minimumOrientationConfidence: Double
    /// Detect and correct small rotations of the scan.
    public var deskew: Bool
    /// Skew is searched within ± this many degrees.
    public var maximumSkewDegrees: Double
    /// Angles smaller than this are left alone: rotating costs sharpness and gains nothing
    /// (Tesseract follows slightly sloped lines itself), and straightening a Patch T sheet by 0.23°
    /// made Tesseract take 13.6 s on it instead of 1.8 s.
    public var minimumSkewDegrees: Double
    /// Skew measurements below this confidence are not acted on (Leptonica's own default is 2).
    public var minimumSkewConfidence: Double
    /// Limits for reading source files.
    public var ingest: IngestConfiguration
    /// Read barcodes and QR codes on every page (separator sheets, Aktenzeichen on cover sheets).
    public var readBarcodes: Bool
    /// Recognise the text of a page whose barcode marks it as a separator sheet. A run that
    /// splits at separator sheets needs none of it (a Patch T sheet took Tesseract 2 to 14 s).
    public var recogniseSeparatorSheets = true
    /// Produce hOCR for each page (only `scanctl ocr --format hocr` prints it; writing it walks
    /// every word again).
    public var produceHOCR = false

    public init(
        languages: String = "deu",
        dataPath: String? = nil,
        correctOrientation: Bool = true,
        minimumOrientationConfidence: Double = 3.0,
        deskew: Bool = true,
        maximumSkewDegrees: Double = 20,
        minimumSkewDegrees: Double = 0.5,
        minimumSkewConfidence: Double = 2.0,
        ingest: IngestConfiguration = IngestConfiguration(),
        readBarcodes: Bool = true
    ) {
        self.languages = languages
        self.dataPath = dataPath
        self.correctOrientation = correctOrientation
        self.minimumOrientationConfidence = minimumOrientationConfidence
        self.deskew = deskew
        self.maximumSkewDegrees = maximumSkewDegrees
        self.minimumSkewDegrees = minimumSkewDegrees
        self.minimumSkewConfidence = minimumSkewConfidence
        self.ingest = ingest
        self.readBarcodes = readBarcodes
    }
}
