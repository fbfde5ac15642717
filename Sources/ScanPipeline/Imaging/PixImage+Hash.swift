internal import COCR
import Crypto

extension PixImage {
    /// SHA-256 of the image as it went into recognition: width, height, depth and the pixel rows
    /// (without Leptonica's row padding), so the same pixels always give the same hash.
    func sha256() -> String {
        var hasher = SHA256()
        var header = "\(width)x\(height)x\(depth)\n"
        header.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if let data = pixGetData(pointer) {
            let wordsPerLine = Int(pixGetWpl(pointer))
            let bytesPerRow = (width * depth + 7) / 8
            let base = UnsafeRawPointer(data)
            for row in 0..<height {
                hasher.update(bufferPointer: UnsafeRawBufferPointer(start: base + row * wordsPerLine * 4, count: bytesPerRow))
            }
        }
        return hasher.finalize().hexString
    }
}
