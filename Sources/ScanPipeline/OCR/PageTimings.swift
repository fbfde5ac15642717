/// Where the time for one page went, in seconds: for finding the slow stage on real batches.
public struct PageTimings: Sendable, Equatable, Codable {
    /// Reading and decoding the page (for PDFs, rendering it with Poppler) and converting to grey.
    public var decode: Double = 0
    /// Reading barcodes and QR codes (zbar).
    public var barcodes: Double = 0
    /// Orientation detection (OSD) and turning the page.
    public var orientation: Double = 0
    /// Skew measurement and straightening.
    public var deskew: Double = 0
    /// Tesseract's layout analysis and recognition, and collecting words and hOCR.
    public var recognition: Double = 0

    public init() {}

    /// All stages together.
    public var total: Double { decode + barcodes + orientation + deskew + recognition }

    /// The timings rounded to milliseconds, for reports.
    public var rounded: PageTimings {
        func ms(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        var copy = self
        copy.decode = ms(decode); copy.barcodes = ms(barcodes); copy.orientation = ms(orientation)
        copy.deskew = ms(deskew); copy.recognition = ms(recognition)
        return copy
    }
}

/// Measures successive stages with one clock.
struct StageClock {
    private var last = ContinuousClock.now

    /// Seconds since the previous call (or since the clock was made).
    mutating func lap() -> Double {
        let now = ContinuousClock.now
        defer { last = now }
        return (now - last).seconds
    }
}
