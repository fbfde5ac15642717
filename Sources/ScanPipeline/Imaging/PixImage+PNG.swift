internal import COCR
import Foundation

extension PixImage {
    /// The image as PNG bytes, scaled down so that its longest side is at most `longestSide` pixels
    /// (never up); nil when Leptonica cannot scale or encode it.
    func png(longestSide: Int) -> Data? {
        let factor = Double(longestSide) / Double(max(width, height, 1))
        guard factor < 1 else { return encodedPNG() }
        guard let scaled = scaled(by: factor) else { return nil }
        return scaled.encodedPNG()
    }

    private func encodedPNG() -> Data? {
        var bytes: UnsafeMutablePointer<l_uint8>?
        var size = 0
        guard pixWriteMem(&bytes, &size, pointer, Int32(IFF_PNG)) == 0, let bytes else { return nil }
        defer { free(bytes) }
        return Data(bytes: bytes, count: size)
    }
}
