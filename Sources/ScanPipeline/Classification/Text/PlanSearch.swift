public import FilePlan
import Foundation

/// `scanctl plan search` for people who do not know the plan's exact words: ``FilePlan/search(_:)``
/// (substrings of codes, titles, keywords, descriptions) first, then nodes whose words share a
/// stem with the query's (`Bauanträge` finds `Bauantrag`), contain a part of a query compound or
/// are a part of it (`Kassenbeleg` finds `Kasse` and `Buchungsbeleg`), or differ by a small typo
/// (`Hundesteur` finds `Hundesteuer`). Ranked exact > stem > compound part > typo > a part of a
/// compound the plan knows only in part (`Rundfunk…`); every hit says in `matches` how it matched.
/// The stemmer is libstemmer's, hence here and not in FilePlan.
public struct PlanSearch: Sendable {
    /// How a query word matched a node word, weakest first.
    enum Tier: Int, Comparable, Sendable {
        case typo = 1
        case compoundPart = 2
        case stem = 3
        case exact = 4

        static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A word of a node: folded, its folded stem, and where it stands (`title`, `keyword: …`, `description`).
    struct NodeWord: Sendable {
        var word: String
        var written: String
        var stem: String
        var origin: String
        var weight: Int
    }

    public let plan: FilePlan
    private let nodeWords: [[NodeWord]]
    /// The words of each node's ancestors: a compound whose other part names the node's context
    /// (`Kassenbeleg`: `Beleg` in 924 Buchungsbelege, under 92 Stadtkasse) ranks higher.
    private let ancestorWords: [[NodeWord]]
    private let splitter: PlanCompoundSplitter
    private let stemmer: GermanStemmer

    /// Throws `.stemmerUnavailable` on a broken libstemmer installation.
    public init(plan: FilePlan) throws(ScanPipelineError) {
        let stemmer = try GermanStemmer.requireAvailable()
        self.plan = plan
        self.stemmer = stemmer
        var nodeWords: [[NodeWord]] = []
        for node in plan.nodes {
            var words: [NodeWord] = []
            func add(_ text: String, origin: String, weight: Int) {
                for written in GermanText.words(text) where written.count >= 3 && written.allSatisfy(\.isLetter) {
                    words.append(NodeWord(word: GermanText.fold(written), written: written,
                                          stem: Self.stem(written, stemmer), origin: origin, weight: weight))
                }
            }
            for keyword in node.keywords { add(keyword, origin: "keyword: \(keyword)", weight: 6) }
            add(node.title, origin: "title", weight: 5)
            if let description = node.description { add(description, origin: "description", weight: 1) }
            nodeWords.append(words)
        }
        self.nodeWords = nodeWords
        let index = Dictionary(plan.nodes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        ancestorWords = plan.nodes.map { node in
            plan.path(to: node).dropLast().flatMap { index[$0.code].map { nodeWords[$0] } ?? [] }
        }
        splitter = PlanCompoundSplitter(words: nodeWords.joined().map(\.word), stem: { Self.stem($0, stemmer) })
    }

    /// Nodes matching every word of `query`: the exact hits of ``FilePlan/search(_:)`` first, then
    /// the fuzzy ones, best first.
    public func search(_ query: String) -> [FilePlan.SearchHit] {
        let exact = plan.search(query)
        let found = Set(exact.map(\.node.code))
        let words = GermanText.words(query).filter { !$0.isEmpty }
        guard !words.isEmpty else { return exact }
        let prepared = words.map(QueryWord.init(lowercased:))
        // Above every fuzzy score: exact hits stay first, in their own order.
        let exactBase = 1_000_000
        var hits = exact.map { FilePlan.SearchHit(node: $0.node, score: $0.score + exactBase, matches: $0.matches) }
        var fuzzy: [FilePlan.SearchHit] = []
        for (index, node) in plan.nodes.enumerated() where !found.contains(node.code) {
            var score = 0
            var matches: [String] = []
            var everyWordFound = true
            for word in prepared {
                guard let match = bestMatch(word, in: nodeWords[index], context: ancestorWords[index]) else { everyWordFound = false; break }
                score += match.score
                if !matches.contains(match.label) { matches.append(match.label) }
            }
            guard everyWordFound else { continue }
            fuzzy.append(FilePlan.SearchHit(node: node, score: score * 10 + node.level, matches: matches))
        }
        hits += fuzzy.sorted { ($0.score, $1.node.code) > ($1.score, $0.node.code) }
        return hits
    }

    /// A query word, folded and stemmed, with its compound parts.
    private struct QueryWord {
        var written: String
        var word: String

        init(lowercased: String) {
            written = lowercased
            word = GermanText.fold(lowercased)
        }
    }

    private struct Match {
        var tier: Tier
        var score: Int
        var label: String
    }

    /// The best way `query` matches one of `words`; nil when it matches none.
    private func bestMatch(_ query: QueryWord, in words: [NodeWord], context: [NodeWord]) -> Match? {
        let queryStem = Self.stem(query.written, stemmer)
        let display = query.written.prefix(1).uppercased() + query.written.dropFirst()
        var best: Match?
        func consider(_ match: Match) {
            if best == nil || match.score > best!.score { best = match }
        }
        // Exact, as FilePlan.search matches: for a query whose other words match only fuzzily.
        for word in words where word.word.contains(query.word) {
            consider(Match(tier: .exact, score: 400 + word.weight, label: word.origin))
        }
        if let best { return best }
        // Stem: the same word in another form.
        for word in words where word.stem == queryStem && queryStem.count >= 3 {
            consider(Match(tier: .stem, score: 300 + word.weight,
                           label: "stem: \(display) ~ \(Self.capitalised(word.written)) (\(word.origin))"))
        }
        if let best, best.tier == .stem { return best }
        // Compound parts: a part of the query compound is a node word or a part of one, or the
        // query word is a part of a node word's compound.
        let split = splitter.split(query.word)
        let parts = split.map { zip($0.parts, $0.known).filter(\.1).map(\.0) } ?? []
        // A compound with a part the plan does not know (`Rundfunk` of `Rundfunkbeitrag`) is only
        // partly understood: below a typo of the whole word (`Kassenprüfnug` is `Kassenprüfung`
        // misspelt, not any `Kasse`).
        let partial = split?.known.contains(false) ?? false
        let base = partial ? 40 : 200
        var partMatches: [Match?] = []
        var inContext: [Bool] = []
        for (position, part) in parts.enumerated() {
            let partStem = Self.stem(part, stemmer)
            let isHead = position == parts.count - 1 && split?.known.last == true
            var partBest: Match?
            for word in words {
                let whole = word.word == part || word.stem == partStem
                let inside = !whole && Self.contains(word.word, part: part)
                guard whole || inside else { continue }
                let score = base + (whole ? 20 : 10) + (isHead ? 2 : 0) + word.weight + min(part.count, 9)
                let place = whole ? "" : " in \(Self.capitalised(word.written))"
                if partBest == nil || score > partBest!.score {
                    partBest = Match(tier: .compoundPart, score: score,
                                     label: "compound part \(part) of \(display)\(place) (\(word.origin))")
                }
            }
            partMatches.append(partBest)
            inContext.append(context.contains { $0.word == part || $0.stem == partStem || Self.contains($0.word, part: part) })
        }
        if let strongest = partMatches.indices.filter({ partMatches[$0] != nil }).max(by: { partMatches[$0]!.score < partMatches[$1]!.score }),
           var match = partMatches[strongest] {
            // Each further part found in the node itself or above it makes the hit more specific.
            for other in parts.indices where other != strongest {
                if let own = partMatches[other] {
                    match.score += 15
                    match.label += ", " + own.label.replacingOccurrences(of: "compound part ", with: "")
                } else if inContext[other] {
                    match.score += 12
                    match.label += ", \(parts[other]) above"
                }
            }
            consider(match)
        }
        if query.word.count >= PlanCompoundSplitter.minimumPart {
            for word in words where word.word != query.word && Self.contains(word.word, part: queryStem)
                && queryStem.count >= PlanCompoundSplitter.minimumPart {
                consider(Match(tier: .compoundPart, score: 210 + word.weight,
                               label: "\(display) is a compound part of \(Self.capitalised(word.written)) (\(word.origin))"))
            }
        }
        if let best, !partial || best.tier != .compoundPart { return best }
        // A small typo: one edit in a word of 5 to 8 letters, two in a longer one.
        let allowed = query.word.count < 5 ? 0 : query.word.count <= 8 ? 1 : 2
        guard allowed > 0 else { return nil }
        for word in words where abs(word.word.count - query.word.count) <= allowed {
            let distance = Self.editDistance(query.word, word.word, limit: allowed)
            guard distance <= allowed else { continue }
            consider(Match(tier: .typo, score: 100 + (allowed - distance) * 5 + word.weight,
                           label: "typo: \(display) ≈ \(Self.capitalised(word.written)) (\(word.origin))"))
        }
        return best
    }

    /// Whether `word` is a compound with `part` as its head (its end) or as its first part
    /// (followed by a linking element and at least a short word).
    static func contains(_ word: String, part: String) -> Bool {
        guard part.count >= PlanCompoundSplitter.minimumPart, word.count >= part.count + 3 else { return false }
        return word.hasSuffix(part) || word.hasPrefix(part)
    }

    static func stem(_ lowercased: String, _ stemmer: GermanStemmer) -> String {
        GermanText.fold(stemmer.stem(GermanText.withUmlauts(lowercased)))
    }

    static func capitalised(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }

    /// Damerau-Levenshtein distance (optimal string alignment: adjacent transpositions count one),
    /// or `limit + 1` as soon as it must exceed `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
