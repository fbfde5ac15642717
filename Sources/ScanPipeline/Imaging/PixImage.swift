internal import COCR

/// Sole owner of one Leptonica `PIX`: destroyed exactly once, when the value goes out of scope.
///
/// `~Copyable` makes ownership explicit: a page image is never shared between threads or freed twice.
/// Transformations return a new `PixImage` and leave `self` untouched.
struct PixImage: ~Copyable {
    let pointer: UnsafeMutablePointer<PIX>

    /// Takes ownership of a PIX returned by a Leptonica constructor; `nil` means Leptonica failed.
    init?(taking pointer: UnsafeMutablePointer<PIX>?) {
        guard let pointer else { return nil }
        self.pointer = pointer
    }

    deinit {
        var owned: UnsafeMutablePointer<PIX>? = pointer
        pixDestroy(&owned)
    }

    var width: Int { Int(pixGetWidth(pointer)) }
    var height: Int { Int(pixGetHeight(pointer)) }
    /// Bits per pixel: 1, 2, 4, 8, 16 or 32.
    var depth: Int { Int(pixGetDepth(pointer)) }
    /// Resolution stored with the image in pixels per inch; 0 when unknown.
    var resolution: (x: Int, y: Int) { (Int(pixGetXRes(pointer)), Int(pixGetYRes(pointer))) }

    func setResolution(x: Int, y: Int) {
        pixSetResolution(pointer, Int32(x), Int32(y))
    }
}
