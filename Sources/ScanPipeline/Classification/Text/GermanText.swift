import FilePlan
import Foundation

/// Normalisation of German OCR text for classification: Unicode NFC, words hyphenated at line
/// ends rejoined, case folded, umlauts and ß written out (ä → ae, ß → ss); for the statistical
/// layer also stop words and OCR debris dropped and words stemmed.
enum GermanText {
    /// Lowercase with umlauts and ß written out, so that `Gebühr`, `GEBÜHR` and `Gebuehr` match:
    /// the same folding as the plan's search.
    static func fold(_ text: String) -> String { PlanText.fold(text) }

    /// The folded word tokens of `text` (letters and digits), for matching plan keywords.
    static func tokens(_ text: String) -> [String] { words(text).map(fold) }

    /// The parts of the compounds among `tokens` (``GermanCompounds``), so that the keyword `Bad`
    /// is found in `Freizeitbad`. Without the word list (see `GermanCompounds.requireAvailable()`)
    /// there are none.
    static func compoundParts(_ tokens: [String]) -> [String] {
        guard let compounds = try? GermanCompounds.loaded.get() else { return [] }
        return tokens.flatMap { compounds.parts(of: $0) }
    }

    /// The terms the statistical layer counts: words without stop words and OCR debris, stemmed,
    /// then folded (`Bauanträge` and `BAUANTRAG` → `bauantrag`). Without a stemmer (a broken
    /// libstemmer, which `GermanStemmer.requireAvailable()` reports where a classifier is built)
    /// words are counted unstemmed rather than crashing.
    ///
    /// A compound's parts count as terms too (`hundesteuerbescheid` also gives `hund`, `steuer`,
    /// `bescheid`): another town writes the same subject in other compounds.
    /// `splittingCompounds: false` leaves compounds whole (the Paperless-style baseline, which does not split them).
    static func terms(_ text: String, splittingCompounds: Bool = true) -> [String] {
        let stemmer = try? GermanStemmer.loaded.get()
        let compounds = splittingCompounds ? try? GermanCompounds.loaded.get() : nil
        func term(_ word: String) -> String {
            let umlauts = withUmlauts(word)
            return fold(stemmer?.stem(umlauts) ?? umlauts)
        }
        var terms: [String] = []
        for word in words(text) where isWord(word) && !GermanStopWords.all.contains(word) {
            let stemmed = term(word)
            terms.append(stemmed)
            // An inflected compound (`bauantraege`) may split only as its stem (`bauantrag`): both
            // forms then give the same parts.
            var parts = compounds?.parts(of: fold(word)) ?? []
            if parts.isEmpty, let compounds, stemmed != fold(word) { parts = compounds.parts(of: stemmed) }
            for part in parts where !GermanStopWords.all.contains(part) {
                terms.append(term(part))
            }
        }
        return terms
    }

    /// The character 3- to 5-grams of the words of `text` (folded, each word padded with a space at
    /// either end, as scikit-learn's `char_wb`), marked with ``characterGramMark`` so that they
    /// never collide with a term: a second channel for the statistical layer that finds what word
    /// terms miss: OCR-damaged words, inflections the stemmer leaves apart, compounds not in the
    /// dictionary.
    static func characterGrams(_ text: String) -> [String] {
        var grams: [String] = []
        for word in words(text) where isWord(word) {
            let padded = Array(" " + fold(word) + " ")
            for length in 3...5 where padded.count >= length {
                for start in 0...(padded.count - length) {
                    grams.append(characterGramMark + String(padded[start..<(start + length)]))
                }
            }
        }
        return grams
    }

    /// Marks a character n-gram among terms.
    static let characterGramMark = "\u{1}"

    /// `ae`, `oe`, `ue` written as umlauts (not `ue` after `q`), as Snowball's german2 variant does,
    /// so that `Gebuehr` from a keyboard without umlauts and `Gebühr` stem alike. Applied to every
    /// word, so `steuer` becomes `steür` everywhere and still matches itself.
    static func withUmlauts(_ word: String) -> String {
        guard word.contains("e") else { return word }
        let characters = Array(word)
        var result: [Character] = []
        for (index, character) in characters.enumerated() {
            if character == "e", index > 0, let umlaut = umlauts[characters[index - 1]], result.last == characters[index - 1],
               !(characters[index - 1] == "u" && index > 1 && characters[index - 2] == "q") {
                result[result.count - 1] = umlaut
            } else {
                result.append(character)
            }
        }
        return String(result)
    }

    private static let umlauts: [Character: Character] = ["a": "ä", "o": "ö", "u": "ü"]

    /// Whether a lowercase token looks like a word rather than OCR debris, a number or a code:
    /// 3 to 40 letters, at least one vowel, no letter three times in a row (`lll`, `iii` from
    /// rules and dotted lines).
    static func isWord(_ word: String) -> Bool {
        let count = word.count
        guard count >= 3, count <= 40, word.allSatisfy(\.isLetter) else { return false }
        guard word.contains(where: { "aeiouyäöü".contains($0) }) else { return false }
        var previous: Character?
        var run = 0
        for character in word {
            run = character == previous ? run + 1 : 1
            if run >= 3 { return false }
            previous = character
        }
        return true
    }

    /// The lowercase word tokens of `text` in NFC (letters and digits), with `Bau-\nantrag`
    /// rejoined as `bauantrag` (a hyphen at a line end before a lowercase letter splits one word).
    static func words(_ text: String) -> [String] {
        let characters = Array(text.precomposedStringWithCanonicalMapping)
        var words: [String] = []
        var current = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "-", !current.isEmpty, let next = continuation(afterHyphenAt: index, in: characters) {
                index = next  // the same word goes on after the line break
                continue
            } else if !current.isEmpty {
                words.append(current.lowercased())
                current = ""
            }
            index += 1
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }

    /// Where a word split at a line end goes on: the lowercase letter after the hyphen at `hyphen`,
    /// its line break and any indentation; nil when the hyphen is not followed by that.
    private static func continuation(afterHyphenAt hyphen: Int, in characters: [Character]) -> Int? {
        guard hyphen + 1 < characters.count, characters[hyphen + 1].isNewline else { return nil }
        var next = hyphen + 1
        while next < characters.count, characters[next].isWhitespace { next += 1 }
        return next < characters.count && characters[next].isLowercase ? next : nil
    }
}
