import Foundation

/// A record page made from a PDF source's own page: its content stays exactly as it was (an
/// office copier's compact PDF keeps its 150-ppi colour layer, its 300-ppi text layer and its
/// size), with Tesseract's invisible text laid over it as a form XObject, the way OCRmyPDF grafts
/// its text layer. A page OCR found turned gets a new /Rotate instead of being re-rendered, and
/// the text recognised on the straightened rendering is laid over the unstraightened page by
/// turning it back.
struct PDFPageGraft: Sendable, Equatable {
    /// The source PDF and the zero-based index of its page.
    var sourcePath: String
    var pageIndex: Int
    /// Clockwise rotation of the content as scanned (0, 90, 180, 270), which the new /Rotate undoes.
    var turnedDegrees: Int
    /// The counter-clockwise rotation that straightened the rendering before recognition.
    var skewDegrees: Double

    /// The matrix that maps the text page (points, `width` × `height`, the rendering turned
    /// upright and straightened) onto the original page's user space, given its crop box and
    /// its /Rotate after the correction.
    static func textMatrix(textWidth width: Double, textHeight height: Double,
                           cropBox box: (x0: Double, y0: Double, x1: Double, y1: Double),
                           rotate: Int, skewDegrees: Double) -> AffineTransform2D {
        let cropWidth = box.x1 - box.x0, cropHeight = box.y1 - box.y0
        let (shownWidth, shownHeight) = rotate % 180 == 0 ? (cropWidth, cropHeight) : (cropHeight, cropWidth)
        // Text page → displayed page: the rendering's size in points may differ by rounding.
        var transform = AffineTransform2D.scale(shownWidth / width, shownHeight / height)
        // Undo straightening: the rendering was turned counter-clockwise about its centre.
        if skewDegrees != 0 {
            let centre = (x: shownWidth / 2, y: shownHeight / 2)
            transform = transform
                .then(.translation(-centre.x, -centre.y))
                .then(.rotation(degrees: -skewDegrees))
                .then(.translation(centre.x, centre.y))
        }
        // Displayed page → user space, undoing /Rotate (clockwise on display).
        let display: AffineTransform2D
        switch ((rotate % 360) + 360) % 360 {
        case 90: display = AffineTransform2D(a: 0, b: 1, c: -1, d: 0, e: cropWidth, f: 0)      // u = cw − dy, v = dx
        case 180: display = AffineTransform2D(a: -1, b: 0, c: 0, d: -1, e: cropWidth, f: cropHeight)
        case 270: display = AffineTransform2D(a: 0, b: -1, c: 1, d: 0, e: 0, f: cropHeight)    // u = dy, v = ch − dx
        default: display = .identity
        }
        return transform.then(display).then(.translation(box.x0, box.y0))
    }
}

/// A PDF transformation matrix [a b c d e f]: (x, y) → (a x + c y + e, b x + d y + f).
struct AffineTransform2D: Sendable, Equatable {
    var a: Double, b: Double, c: Double, d: Double, e: Double, f: Double

    static let identity = AffineTransform2D(a: 1, b: 0, c: 0, d: 1, e: 0, f: 0)
    static func translation(_ x: Double, _ y: Double) -> Self { .init(a: 1, b: 0, c: 0, d: 1, e: x, f: y) }
    static func scale(_ x: Double, _ y: Double) -> Self { .init(a: x, b: 0, c: 0, d: y, e: 0, f: 0) }
    /// Counter-clockwise by `degrees` (PDF space, y up).
    static func rotation(degrees: Double) -> Self {
        let radians = degrees * .pi / 180
        return .init(a: cos(radians), b: sin(radians), c: -sin(radians), d: cos(radians), e: 0, f: 0)
    }

    /// This transformation followed by `next`.
    func then(_ next: Self) -> Self {
        .init(a: a * next.a + b * next.c, b: a * next.b + b * next.d,
              c: c * next.a + d * next.c, d: c * next.b + d * next.d,
              e: e * next.a + f * next.c + next.e, f: e * next.b + f * next.d + next.f)
    }

    func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) { (a * x + c * y + e, b * x + d * y + f) }

    /// The six numbers for a `cm` operator.
    var operands: String {
        [a, b, c, d, e, f].map { String(format: "%.6f", abs($0) < 1e-9 ? 0 : $0) }.joined(separator: " ")
    }
}
