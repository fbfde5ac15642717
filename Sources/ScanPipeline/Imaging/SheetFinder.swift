internal import COCR

/// Finds the sheet of paper on a scan or photo with a dark background around it (a receipt on a
/// flatbed's lid, a letter photographed on a desk): the bounding box of the largest bright region.
/// Recognition is confined to it, so Tesseract's global threshold is computed on the paper, not
/// on the paper and the desk (the CLI read 1 word of such a receipt, 22 of another).
struct SheetFinder: Sendable {
    static let workingResolution = 50.0
    /// The sheet must be this much brighter than the background around it (0...255).
    static let contrast = 50

    /// The sheet's box in the image's pixels, with a margin of 2 % of the page; nil when the image
    /// is mostly sheet already or no sheet stands out.
    func sheet(_ gray: borrowing PixImage, resolution: Int) -> PixelBox? {
        let factor = min(1, Self.workingResolution / Double(max(resolution, 1)))
        guard let small = PixImage(taking: pixScaleAreaMap(gray.pointer, Float(factor), Float(factor))) else { return nil }
        var paper: Float = 255
        guard pixGetRankValueMasked(small.pointer, nil, 0, 0, 1, 0.9, &paper, nil) == 0,
              Int(paper) > Self.contrast,
              let dark = PixImage(taking: pixThresholdToBinary(small.pointer, Int32(Int(paper) - Self.contrast))),
              let bright = PixImage(taking: pixInvert(nil, dark.pointer)) else { return nil }
        var boxa = pixConnComp(bright.pointer, nil, 8)
        defer { boxaDestroy(&boxa) }
        guard boxa != nil else { return nil }
        var best = (x: Int32(0), y: Int32(0), w: Int32(0), h: Int32(0))
        for index in 0..<boxaGetCount(boxa) {
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            boxaGetBoxGeometry(boxa, index, &x, &y, &w, &h)
            if Int(w) * Int(h) > Int(best.w) * Int(best.h) { best = (x, y, w, h) }
        }
        let width = small.width, height = small.height
        let area = Double(Int(best.w) * Int(best.h)) / Double(width * height)
        // Mostly sheet already, or no sheet to speak of.
        guard area < 0.85, area > 0.05 else { return nil }
        let margin = Double(max(width, height)) * 0.02
        let scale = Double(gray.width) / Double(width)
        let x0 = max(0, (Double(best.x) - margin) * scale), y0 = max(0, (Double(best.y) - margin) * scale)
        let x1 = min(Double(gray.width), (Double(best.x + best.w) + margin) * scale)
        let y1 = min(Double(gray.height), (Double(best.y + best.h) + margin) * scale)
        return PixelBox(x: Int(x0), y: Int(y0), width: Int(x1 - x0), height: Int(y1 - y0))
    }
}
