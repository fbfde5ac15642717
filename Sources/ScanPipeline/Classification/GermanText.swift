import FilePlan

/// Normalisation of German OCR text for matching: words hyphenated at line ends rejoined, case
/// folded, umlauts and ß written out (ä → ae, ß → ss), split into word tokens.
enum GermanText {
    /// Lowercase with umlauts and ß written out, so that `Gebühr`, `GEBÜHR` and `Gebuehr` match:
    /// the same folding as the plan's search.
    static func fold(_ text: String) -> String { PlanText.fold(text) }

    /// The folded word tokens of `text` (letters and digits), with `Bau-\nantrag` rejoined as
    /// `bauantrag` (a hyphen at a line end before a lowercase letter splits one word).
    static func tokens(_ text: String) -> [String] {
        let characters = Array(text)
        var tokens: [String] = []
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
                tokens.append(fold(current))
                current = ""
            }
            index += 1
        }
        if !current.isEmpty { tokens.append(fold(current)) }
        return tokens
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
