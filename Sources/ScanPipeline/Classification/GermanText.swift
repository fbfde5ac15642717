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
        var tokens: [String] = []
        var current = ""
        var characters = Array(text)
        var index = 0
        // Rejoin "-\n" + lowercase: drop the hyphen and the line break.
        var joined: [Character] = []
        joined.reserveCapacity(characters.count)
        while index < characters.count {
            let character = characters[index]
            if character == "-", index + 1 < characters.count, characters[index + 1].isNewline {
                var next = index + 1
                while next < characters.count, characters[next].isWhitespace { next += 1 }
                if next < characters.count, characters[next].isLowercase, !current.isEmpty || !joined.isEmpty {
                    index = next
                    continue
                }
            }
            joined.append(character)
            index += 1
        }
        characters = joined
        for character in characters {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(fold(current))
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(fold(current)) }
        return tokens
    }
}
