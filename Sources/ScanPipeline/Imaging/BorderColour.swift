/// A colour sampled from a page's border, brought in where the page is rotated.
struct BorderColour: Sendable, Equatable {
    var red: Int
    var green: Int
    var blue: Int

    static let white = BorderColour(red: 255, green: 255, blue: 255)

    /// Rec. 601 luminance, 0...255.
    var luminance: Int { (299 * red + 587 * green + 114 * blue) / 1000 }

    /// Leptonica's 32-bit RGB pixel: 0xRRGGBB00.
    var rgbPixel: UInt32 { UInt32(red) << 24 | UInt32(green) << 16 | UInt32(blue) << 8 }
}
