/// When a recognised page counts as blank (a back side, a blank separator page): no word with a
/// letter or digit (Tesseract reports scanner streaks and punch holes as "words" of spaces or
/// dashes), or no more than a few low-confidence specks. The three limits are the sensitivity a
/// profile can set: raise them for dirty scanners, lower them to keep pages with a stamp only.
public struct BlankPagePolicy: Sendable, Equatable, Codable {
    /// At most this many words...
    public var maximumSpecks: Int
    /// ...with fewer letters than this together...
    public var maximumLetters: Int
    /// ...and a mean confidence below this, and the page is still blank.
    public var maximumConfidence: Double

    public init(maximumSpecks: Int = 3, maximumLetters: Int = 8, maximumConfidence: Double = 60) {
        self.maximumSpecks = maximumSpecks
        self.maximumLetters = maximumLetters
        self.maximumConfidence = maximumConfidence
    }

    func isBlank(_ page: RecognizedPage) -> Bool {
        let textual = Self.textualWords(page)
        if textual.isEmpty { return true }
        let letters = textual.reduce(0) { $0 + $1.text.filter(\.isLetter).count }
        let confidence = textual.reduce(0) { $0 + $1.confidence } / Double(textual.count)
        return textual.count <= maximumSpecks && letters < maximumLetters && confidence < maximumConfidence
    }

    static func textualWords(_ page: RecognizedPage) -> [RecognizedWord] {
        page.words.filter { $0.text.contains { $0.isLetter || $0.isNumber } }
    }
}
