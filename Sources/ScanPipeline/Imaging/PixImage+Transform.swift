internal import COCR

extension PixImage {
    /// An 8-bit grayscale copy, whatever the depth or colormap of the source. Tesseract binarises
    /// grayscale itself (Otsu), and the skew finder needs one well-defined input form.
    func grayscale() -> PixImage? {
        if depth == 8, pixGetColormap(pointer) == nil {
            return PixImage(taking: pixCopy(nil, pointer))
        }
        return PixImage(taking: pixConvertTo8(pointer, 0))
    }

    /// A copy rotated clockwise by `quarterTurns` × 90°.
    func rotatedClockwise(quarterTurns: Int) -> PixImage? {
        PixImage(taking: pixRotateOrth(pointer, Int32(((quarterTurns % 4) + 4) % 4)))
    }

    /// A copy rotated by `degrees` (positive = counter-clockwise) about the centre, on a canvas of
    /// the same size, so a straightened A4 page stays A4. The corners the rotation brings in take
    /// `fill`, the colour of the page's own border: white wedges on a scan's black border made
    /// Tesseract read nothing on a page it reads ~690 words of when the border colour is used.
    /// Area mapping keeps text edges smooth for OCR.
    func rotated(counterClockwiseDegrees degrees: Double, fill: BorderColour) -> PixImage? {
        // Leptonica's positive angle is clockwise.
        let radians = Float(-degrees * .pi / 180)
        if depth == 1 {
            let incoming = fill.luminance < 128 ? L_BRING_IN_BLACK : L_BRING_IN_WHITE
            return PixImage(taking: pixRotate(pointer, radians, Int32(L_ROTATE_AREA_MAP), Int32(incoming), 0, 0))
        }
        guard let rotated = PixImage(taking: pixRotate(
            pointer, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0)) else { return nil }
        guard fill.luminance < 250 else { return rotated }
        // The wedges: rotate a blank 1-bit mask bringing in black, then paint them.
        guard let blank = PixImage(taking: pixCreate(Int32(width), Int32(height), 1)),
              let wedges = PixImage(taking: pixRotate(blank.pointer, radians, Int32(L_ROTATE_SAMPLING),
                                                      Int32(L_BRING_IN_BLACK), 0, 0)) else { return rotated }
        pixSetMasked(rotated.pointer, wedges.pointer, rotated.depth == 32 ? fill.rgbPixel : UInt32(fill.luminance))
        return rotated
    }

    /// The median colour of the outermost 2 % of the image on each side: what a rotation should
    /// bring in. Sampled on every fourth pixel.
    func borderColour() -> BorderColour {
        let band = Int32(max(1, min(width, height) / 50))
        guard let mask = PixImage(taking: pixCreate(Int32(width), Int32(height), 1)) else { return .white }
        pixSetOrClearBorder(mask.pointer, band, band, band, band, Int32(PIX_SET))
        if depth == 32 {
            var red: Float = 255, green: Float = 255, blue: Float = 255
            guard pixGetRankValueMaskedRGB(pointer, mask.pointer, 0, 0, 4, 0.5, &red, &green, &blue) == 0 else { return .white }
            return BorderColour(red: Int(red), green: Int(green), blue: Int(blue))
        }
        guard depth == 8, pixGetColormap(pointer) == nil else {
            guard let gray = grayscale() else { return .white }
            return gray.borderColour()
        }
        var value: Float = 255
        guard pixGetRankValueMasked(pointer, mask.pointer, 0, 0, 4, 0.5, &value, nil) == 0 else { return .white }
        return BorderColour(red: Int(value), green: Int(value), blue: Int(value))
    }

    /// A copy turned by `degrees` clockwise (a multiple of 90) and then straightened by `skew`
    /// degrees counter-clockwise, as a page's grey copy was for recognition.
    func turned(clockwiseDegrees degrees: Int, straightenedBy skew: Double, fill: BorderColour) -> PixImage? {
        guard let turned = rotatedClockwise(quarterTurns: degrees / 90) else { return nil }
        if skew == 0 { return turned }
        return turned.rotated(counterClockwiseDegrees: skew, fill: fill)
    }

    /// A 32-bit RGB copy: colour-mapped and other depths expanded.
    func rgb() -> PixImage? {
        depth == 32 ? PixImage(taking: pixCopy(nil, pointer)) : PixImage(taking: pixConvertTo32(pointer))
    }

    /// A grey image with (next to) only black and white in it, as 1-bit scans saved as 8-bit
    /// often are: less than 0.5 % of its pixels (every fourth sampled) between 16 and 239. Treated
    /// as 1-bit, it is stored as G4 and Tesseract skips thresholding the antialiased grey that
    /// straightening would make of it (2.4 s a reading instead of 0.5 s on a page of sheet music).
    var isEffectivelyBilevel: Bool {
        guard depth == 8, pixGetColormap(pointer) == nil else { return false }
        var histogram = pixGetGrayHistogram(pointer, 4)
        defer { numaDestroy(&histogram) }
        guard histogram != nil, numaGetCount(histogram) == 256 else { return false }
        var total: Float = 0, middle: Float = 0
        for value in 0..<256 {
            var count: Float = 0
            numaGetFValue(histogram, Int32(value), &count)
            total += count
            if (16...239).contains(value) { middle += count }
        }
        return total > 0 && middle < 0.005 * total
    }

    /// Whether the image holds colour (an RGB image, or a colour map with a colour in it), as
    /// opposed to black and white or grey.
    var hasColour: Bool {
        if let colormap = pixGetColormap(pointer) {
            var colour: Int32 = 0
            return pixcmapHasColor(colormap, &colour) == 0 && colour != 0
        }
        return depth == 32
    }

    /// A 1-bit copy thresholded at `threshold` (pixels darker than it become black).
    func binarised(threshold: Int = 130) -> PixImage? {
        PixImage(taking: pixConvertTo1(pointer, Int32(threshold)))
    }

    /// A copy scaled by `factor` (e.g. 0.5); uses smoothing for reductions.
    func scaled(by factor: Double) -> PixImage? {
        PixImage(taking: pixScale(pointer, Float(factor), Float(factor)))
    }
}
