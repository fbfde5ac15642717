extension RecognizedPage {
    /// The words with a letter or digit: Tesseract reports scanner streaks and punch holes as
    /// "words" of spaces or dashes.
    var textualWords: [RecognizedWord] {
        words.filter { $0.text.contains { $0.isLetter || $0.isNumber } }
    }

    /// Whether recognition found text: two words or eight letters read with confidence (words of
    /// two letters or more, confidence 60 or more). On a page of handwriting Tesseract returned
    /// a hundred "words" with a mean confidence of 11 and one confident word. A page with ink and
    /// no such text holds handwriting, a drawing or a stamp: kept, and its document goes to review.
    var hasRecognisedText: Bool {
        let score = RecognitionScore(words)
        return score.words >= 2 || score.letters >= 8
    }
}
