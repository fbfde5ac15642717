import Foundation

/// The per-page checks replacement scanning asks for (TR-RESISCAN): a page that fails one is
/// flagged for rescan, its document goes to review, and the batch's Transfervermerk lists it.
public struct PageQualityGate: Sendable, Equatable, Codable {
    /// Scans below this resolution (dpi) are too coarse for reliable text.
    public var minimumResolution: Int
    /// A page with text whose mean OCR confidence is below this was poorly recognised.
    public var minimumConfidence: Double
    /// A page with at most this many words, though not blank, may be a faint or cut-off scan.
    public var nearlyEmptyWords: Int
    /// A page that had to be straightened by more than this (degrees) was fed badly.
    public var maximumSkew: Double

    public init(minimumResolution: Int = 200, minimumConfidence: Double = 60, nearlyEmptyWords: Int = 3,
                maximumSkew: Double = 5) {
        self.minimumResolution = minimumResolution
        self.minimumConfidence = minimumConfidence
        self.nearlyEmptyWords = nearlyEmptyWords
        self.maximumSkew = maximumSkew
    }

    /// What is wrong with a recognised page, in plain words; empty when it passes. Blank pages and
    /// separator sheets are only checked for resolution.
    func issues(_ page: RecognizedPage, blank: Bool, separator: Bool) -> [String] {
        var issues: [String] = []
        if page.resolution < minimumResolution {
            issues.append("resolution \(page.resolution) dpi, below the minimum \(minimumResolution) dpi")
        }
        // Handwriting and drawings are read poorly by nature: not a reason to rescan.
        guard !blank, !separator, page.hasRecognisedText else { return issues }
        if let confidence = page.meanConfidence, confidence < minimumConfidence {
            issues.append("mean OCR confidence \(Int(confidence.rounded())), below \(Int(minimumConfidence))")
        }
        let words = page.textualWords.count
        if words <= nearlyEmptyWords {
            issues.append("almost empty (\(words) words) but not blank")
        }
        let skew = abs(page.skew.detectedDegrees ?? page.skew.appliedDegrees)
        if skew > maximumSkew {
            issues.append(String(format: "skewed by %.1f°, more than %.0f°", skew, maximumSkew))
        }
        return issues
    }
}
