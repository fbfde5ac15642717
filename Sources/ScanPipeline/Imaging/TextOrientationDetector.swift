internal import COCR

/// A quick orientation check from the shapes of Latin text: Leptonica counts ascenders and
/// descenders with morphological hit-miss patterns (`pixOrientDetect`), which takes about 40 ms
/// on an A4 page at 150 dpi where Tesseract's OSD takes 300 to 500 ms.
///
/// On 4 × 70 pages from the corpus and the samples (every page turned four ways), every decision it
/// made at 150 dpi or more was right; below 150 dpi it once called a turned table upright. It is
/// undecided on pages with little or unusual text (forms, photos, blank pages). So scanctl trusts
/// it only for what is by far the common case, an upright page at 150 dpi or more, and asks OSD
/// about everything else.
struct TextOrientationDetector: Sendable {
    /// Pages scanned below this resolution go to OSD.
    static let minimumResolution = 150
    /// The check runs on a copy reduced to this resolution (it is made for 150 to 300 dpi).
    static let workingResolution = 150

    struct Estimate: Equatable {
        /// Clockwise rotation of the content: 0, 90, 180 or 270.
        var degrees: Int
        /// Leptonica's confidences: positive `up` means right side up, negative upside down;
        /// `left` the same for text turned to the left. Both near 0 when unsure.
        var upConfidence: Double
        var leftConfidence: Double
    }

    /// The orientation when Leptonica is decided, with its default thresholds (an up/down confidence
    /// of at least 8, and 2.5 times that of the other axis); nil when it is not, or the page is
    /// below ``minimumResolution``.
    func estimate(_ gray: borrowing PixImage, resolution: Int) -> Estimate? {
        guard resolution >= Self.minimumResolution else { return nil }
        let binary: PixImage?
        if resolution > Self.workingResolution + 50 {
            binary = gray.scaled(by: Double(Self.workingResolution) / Double(resolution))?.binarised()
        } else {
            binary = gray.binarised()
        }
        guard let binary else { return nil }
        var up: Float = 0
        var left: Float = 0
        var orientation: Int32 = 0
        guard pixOrientDetect(binary.pointer, &up, &left, 0, 0) == 0,
              makeOrientDecision(up, left, 0, 0, &orientation, 0) == 0 else { return nil }
        let degrees: Int
        switch orientation {
        case Int32(L_TEXT_ORIENT_UP): degrees = 0
        case Int32(L_TEXT_ORIENT_RIGHT): degrees = 90  // the tops of the letters point right
        case Int32(L_TEXT_ORIENT_DOWN): degrees = 180
        case Int32(L_TEXT_ORIENT_LEFT): degrees = 270
        default: return nil
        }
        return Estimate(degrees: degrees, upConfidence: Double(up), leftConfidence: Double(left))
    }
}
