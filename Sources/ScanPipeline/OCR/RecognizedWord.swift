/// One word found by Tesseract, with its box in the coordinates of the corrected page image.
public struct RecognizedWord: Sendable, Equatable, Codable {
    /// The word's text (UTF-8, NFC as Tesseract produces it).
    public var text: String
    /// The word's bounding box.
    public var box: PixelBox
    /// Tesseract's confidence, 0...100.
    public var confidence: Double
    /// Zero-based text line on the page (reading order).
    public var line: Int
    /// Zero-based text block on the page.
    public var block: Int

    public init(text: String, box: PixelBox, confidence: Double, line: Int, block: Int) {
        self.text = text
        self.box = box
        self.confidence = confidence
        self.line = line
        self.block = block
    }
}

/// A rectangle in pixels, origin at the top left.
public struct PixelBox: Sendable, Equatable, Codable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
