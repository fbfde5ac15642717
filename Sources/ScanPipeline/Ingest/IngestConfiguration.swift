/// Limits and defaults for reading source files. The defaults suit office scans (A4/A3, 200–600 dpi).
public struct IngestConfiguration: Sendable, Equatable {
    /// The largest page, in pixels, that is decoded at all. Larger pages are rejected before decoding,
    /// which bounds memory: an 8-bit page at the limit takes 80 MB, its colour original at most 320 MB.
    /// The default (80 megapixels) admits A3 at 600 dpi (70 MP) and rejects decompression bombs.
    public var maxPixelsPerPage: Int
    /// The resolution assumed when a file has none or an implausible one.
    public var defaultResolution: Int
    /// Rasterisation of PDF pages never goes above this resolution (native scans above it are
    /// rendered at this resolution, with a warning); OCR gains nothing beyond 600 dpi.
    public var maxPDFResolution: Int
    /// The resolution for PDF pages that embed no scan image (born-digital pages).
    public var pdfTextPageResolution: Int
    /// Time limit for one Poppler tool run, in seconds.
    public var pdfToolTimeout: Double
    /// Address-space limit for one Poppler tool run, in bytes.
    public var pdfToolMemoryLimit: Int
    /// A file larger than this is refused (named, not read): hashing a 50 GB sparse "scan" would
    /// hold back the batch for many minutes. The default, 4 GiB, is a TIFF's own limit.
    public var maxFileBytes = 4 << 30

    public init(
        maxPixelsPerPage: Int = 80_000_000,
        defaultResolution: Int = 300,
        maxPDFResolution: Int = 600,
        pdfTextPageResolution: Int = 300,
        pdfToolTimeout: Double = 120,
        pdfToolMemoryLimit: Int = 2 << 30
    ) {
        self.maxPixelsPerPage = maxPixelsPerPage
        self.defaultResolution = defaultResolution
        self.maxPDFResolution = maxPDFResolution
        self.pdfTextPageResolution = pdfTextPageResolution
        self.pdfToolTimeout = pdfToolTimeout
        self.pdfToolMemoryLimit = pdfToolMemoryLimit
    }
}
