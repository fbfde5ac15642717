internal import COCR
import Foundation

/// Reads barcodes and QR codes with zbar. One reader per OCR engine (per thread): a zbar scanner
/// is not thread-safe. Small codes on low-resolution scans are read again from a page scaled up
/// twofold, which zbar needs when a bar is narrower than about two pixels.
final class BarcodeReader {
    private let scanner: OpaquePointer

    init() {
        scanner = zbar_image_scanner_create()
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 1)
    }

    deinit { zbar_image_scanner_destroy(scanner) }

    /// The codes on an 8-bit grayscale page, in the order zbar reports them, without repeats.
    func read(_ page: borrowing PixImage, resolution: Int) -> [Barcode] {
        var codes = scan(page)
        if codes.isEmpty, resolution > 0, resolution < 250, let larger = page.scaled(by: 2) {
            codes = scan(larger)
        }
        var seen = Set<Barcode>()
        return codes.filter { seen.insert($0).inserted }
    }

    private func scan(_ page: borrowing PixImage) -> [Barcode] {
        guard page.depth == 8, let swapped = pixEndianByteSwapNew(page.pointer) else { return [] }
        var owned: UnsafeMutablePointer<PIX>? = swapped
        defer { pixDestroy(&owned) }
        let width = page.width, height = page.height
        let wordsPerLine = Int(pixGetWpl(swapped))
        guard width > 0, height > 0, let data = pixGetData(swapped) else { return [] }
        // Leptonica pads rows to 32-bit words; zbar wants tightly packed Y800 rows.
        let gray = UnsafeMutablePointer<UInt8>.allocate(capacity: width * height)
        for row in 0..<height {
            UnsafeMutableRawPointer(gray + row * width)
                .copyMemory(from: UnsafeRawPointer(data + row * wordsPerLine), byteCount: width)
        }
        guard let image = zbar_image_create() else { gray.deallocate(); return [] }
        defer { zbar_image_destroy(image) }
        zbar_image_set_format(image, Self.y800)
        zbar_image_set_size(image, UInt32(width), UInt32(height))
        // zbar frees the buffer with its cleanup handler when the image is destroyed.
        zbar_image_set_data(image, gray, UInt(width * height), { image in
            zbar_image_get_data(image).map { UnsafeMutableRawPointer(mutating: $0).deallocate() }
        })
        guard zbar_scan_image(scanner, image) > 0 else { return [] }
        var codes: [Barcode] = []
        var symbol = zbar_image_first_symbol(image)
        while let current = symbol {
            let length = Int(zbar_symbol_get_data_length(current))
            if let bytes = zbar_symbol_get_data(current) {
                let value = String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
                codes.append(Barcode(symbology: String(cString: zbar_get_symbol_name(zbar_symbol_get_type(current))), value: value))
            }
            symbol = zbar_symbol_next(current)
        }
        return codes
    }

    /// fourcc('Y','8','0','0'): 8-bit grayscale.
    private static let y800: UInt = UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8
        | UInt(UInt8(ascii: "0")) << 16 | UInt(UInt8(ascii: "0")) << 24
}
