extension RecognizedPage {
    /// The words with a letter or digit: Tesseract reports scanner streaks and punch holes as
    /// "words" of spaces or dashes.
    var textualWords: [RecognizedWord] {
        words.filter { $0.text.contains { $0.isLetter || $0.isNumber } }
    }

    /// Whether recognition found text on the page: more than three words, or a few with eight
    /// letters or more, or a few read with confidence. A page with ink and no such text holds
    /// handwriting, a drawing or a stamp: kept, and its document goes to review.
    var hasRecognisedText: Bool {
        let textual = textualWords
        guard !textual.isEmpty else { return false }
        let letters = textual.reduce(0) { $0 + $1.text.filter(\.isLetter).count }
        let confidence = textual.reduce(0) { $0 + $1.confidence } / Double(textual.count)
        return textual.count > 3 || letters >= 8 || confidence >= 60
    }
}
