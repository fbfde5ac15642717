/// A source file that has been inspected and found readable: its format and the plan for each page.
///
/// Inspection reads headers only, so a file is checked (size, format, pixel limit, encryption)
/// before any page is decoded.
public struct SourceFile: Sendable, Equatable {
    /// The path as given by the caller.
    public var path: String
    /// The format recognised from the content.
    public var format: SourceFormat
    /// Size in bytes.
    public var byteCount: Int
    /// One entry per page, in file order.
    public var pages: [SourcePage]
    /// For PDFs: the number of pages that already carry extractable text (a text layer); 0 for images.
    public var textLayerPageCount: Int
    /// Notes about the whole file (e.g. a PDF with an existing text layer).
    public var warnings: [String]
    /// The scanner the file's metadata names (``ScannerDevice``); nil when it names none.
    public var device: String? = nil

    /// The number of pages.
    public var pageCount: Int { pages.count }
}

/// What scanctl knows about one page before decoding it.
public struct SourcePage: Sendable, Equatable {
    /// Zero-based position in the file.
    public var index: Int
    /// Size in pixels as it will be decoded (for PDFs: at `resolution`).
    public var width: Int
    public var height: Int
    /// Resolution used for OCR, in pixels per inch.
    public var resolution: Int
    /// Where `resolution` comes from.
    public var resolutionSource: ResolutionSource
    /// For PDFs: characters of text the page's own text layer carries (0 for images). A page with
    /// text is never blank, whatever OCR makes of its image.
    public var textLayerCharacters = 0
    /// Warnings found while planning this page (missing or implausible resolution, capped PDF resolution).
    public var warnings: [String]
}

/// Where a page's resolution comes from.
public enum ResolutionSource: String, Sendable, Equatable, Codable {
    /// Read from the image file's metadata.
    case file
    /// The native resolution of the scan embedded in a PDF page.
    case pdfImage = "pdf-image"
    /// A default, because the file had none or an implausible one (a warning says which).
    case assumed
}
