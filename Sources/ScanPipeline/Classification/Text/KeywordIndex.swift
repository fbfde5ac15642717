/// Finds all of a plan's keywords in a document at once, counting as ``KeywordMatcher`` describes. Instead of testing every keyword against
/// every word (hundreds of thousands of string comparisons per letter), each distinct word of the
/// document is cut into its prefixes and inner pieces, which are looked up in a table of the
/// keywords: the cost grows with the document, not with the plan. Counting follows
/// ``KeywordMatcher``'s rules.
struct KeywordIndex: Sendable {
    /// A single-word keyword: its folded UTF-8 bytes, its length in characters, the matchers using it.
    private struct Word: Sendable {
        var bytes: [UInt8]
        var characters: Int
        var numbers: [Int]
    }

    /// Single-word keywords by a hash of their bytes (collisions are checked against the bytes).
    private let words: [UInt64: [Word]]
    /// Which byte lengths keywords have, so that other lengths need no lookup.
    private let lengths: [Bool]
    /// Phrases by their first word: (matcher number, parts).
    private let phrases: [String: [(Int, [String])]]
    let count: Int

    init(_ matchers: [KeywordMatcher]) {
        var byText: [String: [Int]] = [:]
        var phrases: [String: [(Int, [String])]] = [:]
        for (number, matcher) in matchers.enumerated() {
            if matcher.parts.count == 1 {
                byText[matcher.parts[0], default: []].append(number)
            } else if let first = matcher.parts.first {
                phrases[first, default: []].append((number, matcher.parts))
            }
        }
        var words: [UInt64: [Word]] = [:]
        let longest = byText.keys.map(\.utf8.count).max() ?? 0
        var lengths = [Bool](repeating: false, count: longest + 1)
        for text in byText.keys.sorted() {
            let bytes = Array(text.utf8)
            words[Self.hash(bytes[...]), default: []].append(Word(bytes: bytes, characters: text.count, numbers: byText[text] ?? []))
            lengths[bytes.count] = true
        }
        self.words = words
        self.lengths = lengths
        self.phrases = phrases
        self.count = matchers.count
    }

    /// How often each matcher occurs in `tokens` (folded), by matcher number.
    func occurrences(in tokens: [String]) -> [Double] {
        var found = [Double](repeating: 0, count: count)
        var counts: [String: Int] = [:]
        for token in tokens { counts[token, default: 0] += 1 }
        var matched = Set<Int>()
        for (token, occurrences) in counts {
            let bytes = Array(token.utf8)
            matched.removeAll(keepingCapacity: true)
            // Whole words, and prefixes for keywords of 4 letters or more. No keyword is longer than
            // `lengths` covers, so a long token (OCR text that lost its spaces) is only read that far.
            var hash = Self.seed
            for end in 1...min(bytes.count, lengths.count - 1) {
                hash = Self.mix(hash, bytes[end - 1])
                guard lengths[end] else { continue }
                for word in lookup(hash, bytes[0..<end]) where end == bytes.count || word.characters >= 4 {
                    for number in word.numbers where matched.insert(number).inserted { found[number] += Double(occurrences) }
                }
            }
            // Inside compounds, at half weight: keywords of 7 letters or more.
            guard bytes.count > 7 else { continue }
            for start in 1..<(bytes.count - 6) where bytes[start] & 0xC0 != 0x80 {
                var hash = Self.seed
                for end in (start + 1)...min(bytes.count, start + lengths.count - 1) {
                    hash = Self.mix(hash, bytes[end - 1])
                    guard end - start >= 7, lengths[end - start] else { continue }
                    for word in lookup(hash, bytes[start..<end]) where word.characters >= 7 {
                        for number in word.numbers where matched.insert(number).inserted {
                            found[number] += Double(occurrences) / 2
                        }
                    }
                }
            }
        }
        guard !phrases.isEmpty else { return found }
        for start in tokens.indices {
            guard let candidates = phrases[tokens[start]] else { continue }
            for (number, parts) in candidates where start + parts.count <= tokens.count {
                var matches = true
                for offset in 1..<parts.count {
                    let token = tokens[start + offset]
                    let part = parts[offset]
                    let isLast = offset == parts.count - 1
                    if !(token == part || (isLast && part.count >= 4 && token.hasPrefix(part))) { matches = false; break }
                }
                if matches { found[number] += 1 }
            }
        }
        return found
    }

    private func lookup(_ hash: UInt64, _ bytes: ArraySlice<UInt8>) -> [Word] {
        guard let candidates = words[hash] else { return [] }
        return candidates.filter { $0.bytes.elementsEqual(bytes) }
    }

    private static let seed: UInt64 = 0xCBF2_9CE4_8422_2325
    /// FNV-1a, one byte at a time, so that every prefix's hash comes from the previous one.
    private static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.reduce(seed, mix) }
}
