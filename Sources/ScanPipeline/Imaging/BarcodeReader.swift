internal import COCR
import Foundation

/// Reads barcodes and QR codes with zbar. One reader per OCR engine (per thread): a zbar scanner
/// is not thread-safe. Pages are read at about 150 dpi, scanning every second line, which finds
/// separator sheets' and cover sheets' codes at a fraction of the cost of a full 300-dpi pass
/// (measured: 152 ms a page at 300 dpi, 15 % of a page's time); a page without any code is then
/// read once more at its own resolution only when that is low, where small codes need the page
/// scaled up twofold (a bar narrower than about two pixels is lost).
final class BarcodeReader {
    private let scanner: OpaquePointer

    init() {
        scanner = zbar_image_scanner_create()
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_X_DENSITY, 2)
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, 2)
    }

    deinit { zbar_image_scanner_destroy(scanner) }

    /// The codes on an 8-bit grayscale page, in the order zbar reports them, without repeats.
    func read(_ page: borrowing PixImage, resolution: Int) -> [Barcode] {
        var codes: [Barcode]
        if (250..<450).contains(resolution), let reduced = PixImage(taking: pixScaleAreaMap2(page.pointer)) {
            codes = scan(reduced)  // the common 300 dpi: a fast exact halving
        } else if resolution >= 450, let reduced = page.scaled(by: Double(Self.readingResolution) / Double(resolution)) {
            codes = scan(reduced)
        } else {
            codes = scan(page)
        }
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

    /// The resolution pages are read at (dpi).
    static let readingResolution = 150

    /// fourcc('Y','8','0','0'): 8-bit grayscale.
    private static let y800: UInt = UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8
        | UInt(UInt8(ascii: "0")) << 16 | UInt(UInt8(ascii: "0")) << 24
}
