internal import COCR

/// How much ink a page carries, measured from the image rather than from recognised words: a
/// page with handwriting, a drawing or a stamp has ink although Tesseract reads no word on it.
///
/// On a copy reduced to 100 dpi, pixels clearly darker than the paper are ink, except what a
/// scanner adds: streaks (thin lines running across a quarter of the page or more), everything
/// connected to the outer 3 % of the sheet (the scanner lid, a dark background around a
/// photographed page, registration marks at the edges), punch holes (round, solid, 4 to 9 mm, near
/// an edge) and specks smaller than 3 pixels (0.2 mm²).
struct InkDetector: Sendable {
    static let workingResolution = 100.0
    /// Ink must be this much darker than the paper (on 0...255).
    static let contrast = 50
    /// Nothing lighter than this is ink, however bright the paper.
    static let lightestInk = 200
    static let marginFraction = 0.03

    func measure(_ gray: borrowing PixImage, resolution: Int) -> InkMeasurement? {
        let factor = min(1, Self.workingResolution / Double(max(resolution, 1)))
        guard let small = factor < 1 ? PixImage(taking: pixScaleAreaMap(gray.pointer, Float(factor), Float(factor)))
                : PixImage(taking: pixCopy(nil, gray.pointer)) else { return nil }
        let dpi = Double(resolution) * factor
        // The paper's brightness: the 90th percentile, so dark backgrounds and text do not count.
        var paper: Float = 255
        guard pixGetRankValueMasked(small.pointer, nil, 0, 0, 2, 0.9, &paper, nil) == 0 else { return nil }
        let threshold = min(Self.lightestInk, Int(paper) - Self.contrast)
        guard threshold > 0, let ink = PixImage(taking: pixThresholdToBinary(small.pointer, Int32(threshold))) else {
            return nil
        }
        let width = ink.width, height = ink.height
        // Streaks: long thin vertical or horizontal runs (thicker bars are content, e.g. a table).
        let thin = Int32(max(2, Int(dpi / 25.4)))  // 1 mm
        if let vertical = PixImage(taking: pixOpenBrick(nil, ink.pointer, 1, Int32(max(height / 4, 2)))),
           let horizontal = PixImage(taking: pixOpenBrick(nil, ink.pointer, Int32(max(width / 4, 2)), 1)) {
            if let thickV = PixImage(taking: pixOpenBrick(nil, vertical.pointer, thin + 1, 1)) {
                pixSubtract(vertical.pointer, vertical.pointer, thickV.pointer)
            }
            if let thickH = PixImage(taking: pixOpenBrick(nil, horizontal.pointer, 1, thin + 1)) {
                pixSubtract(horizontal.pointer, horizontal.pointer, thickH.pointer)
            }
            pixOr(vertical.pointer, vertical.pointer, horizontal.pointer)
            if let streaks = PixImage(taking: pixDilateBrick(nil, vertical.pointer, 3, 3)) {
                pixSubtract(ink.pointer, ink.pointer, streaks.pointer)
            }
        }
        // Everything touching the margin band goes, whole.
        let marginX = Int32(Double(width) * Self.marginFraction), marginY = Int32(Double(height) * Self.marginFraction)
        pixSetOrClearBorder(ink.pointer, marginX, marginX, marginY, marginY, Int32(PIX_SET))
        guard let inner = PixImage(taking: pixRemoveBorderConnComps(ink.pointer, 8)) else { return nil }

        var pixa: UnsafeMutablePointer<PIXA>? = nil
        var boxa = pixConnComp(inner.pointer, &pixa, 8)
        defer { boxaDestroy(&boxa); pixaDestroy(&pixa) }
        guard boxa != nil else { return nil }
        let millimetre = dpi / 25.4
        var inkPixels = 0, marks = 0, holes = 0
        for index in 0..<Int32(boxaGetCount(boxa)) {
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            boxaGetBoxGeometry(boxa, index, &x, &y, &w, &h)
            var count: Int32 = 0
            if let component = PixImage(taking: pixaGetPix(pixa, index, Int32(L_CLONE))) {
                pixCountPixels(component.pointer, &count, nil)
            }
            guard count >= 3 else { continue }
            if Self.isPunchHole(x: Int(x), y: Int(y), w: Int(w), h: Int(h), pixels: Int(count),
                                pageWidth: width, pageHeight: height, millimetre: millimetre) {
                holes += 1
                continue
            }
            inkPixels += Int(count)
            if Double(max(w, h)) >= millimetre { marks += 1 }
        }
        return InkMeasurement(coverage: Double(inkPixels) / Double(width * height), marks: marks, punchHoles: holes)
    }

    /// A filing punch's hole: about round, mostly solid, 4 to 9 mm across, its centre within
    /// 25 mm of an edge.
    static func isPunchHole(x: Int, y: Int, w: Int, h: Int, pixels: Int, pageWidth: Int, pageHeight: Int,
                            millimetre: Double) -> Bool {
        let size = Double(max(w, h))
        guard size >= 4 * millimetre, size <= 9 * millimetre,
              Double(min(w, h)) / size > 0.75, Double(pixels) / Double(w * h) > 0.6 else { return false }
        let centreX = Double(x) + Double(w) / 2, centreY = Double(y) + Double(h) / 2
        let reach = 25 * millimetre
        return centreX < reach || centreY < reach
            || Double(pageWidth) - centreX < reach || Double(pageHeight) - centreY < reach
    }
}

/// What ``InkDetector`` found on a page.
public struct InkMeasurement: Sendable, Equatable, Codable {
    /// The share of the page (0...1) covered by ink, streaks, edges, punch holes and specks left out.
    public var coverage: Double
    /// Marks of 1 mm or more (letters, strokes, dots of a stamp).
    public var marks: Int
    /// Punch holes found and left out.
    public var punchHoles: Int

    public init(coverage: Double, marks: Int, punchHoles: Int) {
        self.coverage = coverage
        self.marks = marks
        self.punchHoles = punchHoles
    }
}
