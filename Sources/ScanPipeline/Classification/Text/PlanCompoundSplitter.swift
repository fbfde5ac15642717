/// For plan search: splits a German compound into parts the plan knows (classification splits
/// against the whole German word list instead, see ``GermanCompounds``) (`kassenbeleg` → `kasse` + `beleg`,
/// `rundfunkbeitrag` → `rundfunk` + `beitrag`), against a vocabulary of folded words: a part is
/// known when it is a word of the vocabulary, has the stem of one, or (for the head, the last part)
/// ends one (`beleg` ends `buchungsbeleg`, German compounds put the general word last).
/// Between parts a linking element may stand (Fugenelement: s, es, n, en, er).
///
/// The splitter never invents parts it cannot place: a split needs at least one known part, and
/// the unknown rest must itself look like a word (at least 4 letters).
struct PlanCompoundSplitter: Sendable {
    /// One split: the parts in order, and which of them the vocabulary knows.
    struct Split: Sendable, Equatable {
        var parts: [String]
        var known: [Bool]

        var knownParts: [String] { zip(parts, known).filter(\.1).map(\.0) }
    }

    static let linkingElements = ["", "s", "es", "n", "en", "er"]
    static let minimumPart = 4

    private let words: Set<String>
    private let stems: Set<String>
    /// Every ending (of at least ``minimumPart`` letters) of every vocabulary word longer than it.
    private let heads: Set<String>
    private let stem: @Sendable (String) -> String

    /// `words` folded; `stem` maps a folded word to its folded stem.
    init(words: some Sequence<String>, stem: @escaping @Sendable (String) -> String) {
        let words = Set(words.filter { $0.count >= Self.minimumPart })
        self.words = words
        self.stem = stem
        stems = Set(words.map(stem))
        var heads: Set<String> = []
        for word in words {
            let characters = Array(word)
            guard characters.count > Self.minimumPart + 2 else { continue }
            for start in 3...(characters.count - Self.minimumPart) { heads.insert(String(characters[start...])) }
        }
        self.heads = heads
    }

    func isKnown(_ part: String) -> Bool { words.contains(part) || stems.contains(stem(part)) }

    func isKnownHead(_ part: String) -> Bool { isKnown(part) || heads.contains(part) }

    /// How well the vocabulary knows a part: 2 a word or the stem of one, 1 only as the ending of
    /// a longer word, 0 not at all.
    func knowledge(_ part: String, asHead: Bool) -> Int {
        if isKnown(part) { return 2 }
        return asHead && heads.contains(part) ? 1 : 0
    }

    /// The best split of a folded word into two or more parts, or nil when it is not a compound of
    /// known parts. A split needs one part the vocabulary has as a word (or a stem of one): an
    /// ending alone (`ntraege` of `rentenantraege`) places nothing. Best: most letters in known
    /// parts, words counting double, then fewest parts.
    func split(_ word: String) -> Split? {
        let characters = Array(word)
        guard characters.count >= 2 * Self.minimumPart else { return nil }
        var best: Split?
        var bestScore = (0, 0)
        for cut in Self.minimumPart...(characters.count - Self.minimumPart) {
            let modifier = String(characters[..<cut])
            let rest = String(characters[cut...])
            for link in Self.linkingElements where rest.hasPrefix(link) {
                let head = String(rest.dropFirst(link.count))
                guard head.count >= Self.minimumPart else { continue }
                let modifierLevel = knowledge(modifier, asHead: false)
                var parts = [(modifier, modifierLevel)]
                let headLevel = knowledge(head, asHead: true)
                if headLevel == 0, let inner = split(head), inner.known.last == true {
                    // Three or more parts: the head splits again (`Gewerbesteuerbescheid`).
                    parts += zip(inner.parts, inner.known).map { ($0.0, $0.1 ? knowledge($0.0, asHead: true) : 0) }
                } else {
                    parts.append((head, headLevel))
                }
                guard parts.contains(where: { $0.1 == 2 }) else { continue }
                let score = (parts.reduce(0) { $0 + $1.0.count * $1.1 }, -parts.count)
                if best == nil || score > bestScore {
                    best = Split(parts: parts.map(\.0), known: parts.map { $0.1 > 0 })
                    bestScore = score
                }
            }
        }
        return best
    }
}
