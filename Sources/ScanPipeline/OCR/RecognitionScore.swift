/// How well a recognition read: the letters of words read with confidence. Used to compare
/// corrections of the same page (turned or not, straightened or not): text read upside down,
/// sideways or through a white wedge comes back as few letters with low confidence.
struct RecognitionScore: Sendable, Equatable {
    /// Letters in words of two or more letters read with confidence 60 or more.
    var letters: Int
    /// Letters in all words with a letter.
    var allLetters: Int
    /// The words `letters` counts.
    var words: Int

    init(letters: Int, allLetters: Int, words: Int = 0) {
        self.letters = letters
        self.allLetters = allLetters
        self.words = words
    }

    init(_ words: [RecognizedWord]) {
        var confident = 0, all = 0, confidentWords = 0
        for word in words {
            let count = word.text.reduce(0) { $0 + ($1.isLetter ? 1 : 0) }
            all += count
            if count >= 2, word.confidence >= 60 {
                confident += count
                confidentWords += 1
            }
        }
        self.init(letters: confident, allLetters: all, words: confidentWords)
    }

    /// Read well enough that no other correction needs trying: at least 60 confident letters, and
    /// most letters confident.
    var isGood: Bool { letters >= 60 && Double(letters) >= 0.6 * Double(allLetters) }

    /// Next to nothing read with confidence: fewer than 30 letters, or under a fifth of them.
    var readsAlmostNothing: Bool { letters < 30 || Double(letters) < 0.2 * Double(allLetters) }

    /// Clearly better than `other`: half as many confident letters again, and 20 more.
    func isFarBetter(than other: RecognitionScore) -> Bool {
        Double(letters) >= 1.5 * Double(other.letters) + 20
    }
}
