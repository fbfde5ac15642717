internal import COCR

/// Measures the skew of text lines with Leptonica's sweep-and-binary-search on a binarised copy.
struct SkewDetector: Sendable {
    /// Search range: ± this many degrees.
    var maximumDegrees: Double

    /// The counter-clockwise rotation in degrees that straightens the text lines, and Leptonica's
    /// confidence; nil when the page has no measurable lines.
    func measure(_ gray: borrowing PixImage) -> (degrees: Double, confidence: Double)? {
        guard let binary = gray.binarised() else { return nil }
        var angle: Float = 0
        var confidence: Float = 0
        // Reduction 4 for the coarse sweep and 2 for the binary search, 1° sweep steps, 0.01° final
        // precision: Leptonica's defaults except for the wider range.
        guard pixFindSkewSweepAndSearch(binary.pointer, &angle, &confidence, 4, 2,
                                        Float(maximumDegrees), 1, 0.01) == 0 else { return nil }
        // Leptonica reports the clockwise rotation that deskews; we report counter-clockwise.
        return (-Double(angle), Double(confidence))
    }
}
