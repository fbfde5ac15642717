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

    /// A copy rotated by `degrees` (positive = counter-clockwise), on a canvas large enough to keep
    /// every corner, with white brought in. Area mapping keeps text edges smooth for OCR.
    func rotated(counterClockwiseDegrees degrees: Double) -> PixImage? {
        // Leptonica's positive angle is clockwise.
        let radians = Float(-degrees * .pi / 180)
        return PixImage(taking: pixRotate(
            pointer, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE),
            Int32(width), Int32(height)))
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
