import Foundation

/// Turns a document's terms into a vector over a fixed vocabulary: TF-IDF (sublinear term
/// frequency, L2-normalised, for the statistical layer) or raw counts (for the Paperless-style
/// baseline), of single terms or of single terms and adjacent pairs.
struct TermVectorizer: Sendable, Codable, Equatable {
    enum Weighting: String, Sendable, Codable { case tfidf, counts }

    /// The vocabulary, sorted, so that the same documents always give the same model.
    private(set) var terms: [String]
    /// ln((1 + n) / (1 + df)) + 1 per term, as scikit-learn's smoothed idf.
    private(set) var idf: [Double]
    var weighting: Weighting
    /// 1: single terms; 2: also pairs of adjacent terms (`bebauungsplan aufstell`).
    var ngrams: Int
    /// Whether the vocabulary has character n-grams besides terms (``GermanText/characterGrams(_:)``):
    /// then each channel is normalised on its own, so that the thousands of n-grams of a letter do
    /// not drown its few hundred terms. Follows from `terms` (the mark sorts first), so not saved.
    private(set) var characterGrams = false

    /// Term → position, built once (not saved: it follows from `terms`).
    private var index: [String: Int] = [:]

    private enum CodingKeys: String, CodingKey { case terms, idf, weighting, ngrams }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        terms = try container.decode([String].self, forKey: .terms)
        idf = try container.decode([Double].self, forKey: .idf)
        weighting = try container.decode(Weighting.self, forKey: .weighting)
        ngrams = try container.decode(Int.self, forKey: .ngrams)
        guard idf.count == terms.count, Set(terms).count == terms.count else {
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.idf], debugDescription: "terms and idf do not match"))
        }
        index = Self.index(terms)
        characterGrams = Self.hasCharacterGrams(terms)
    }

    static func == (lhs: TermVectorizer, rhs: TermVectorizer) -> Bool {
        lhs.terms == rhs.terms && lhs.idf == rhs.idf && lhs.weighting == rhs.weighting && lhs.ngrams == rhs.ngrams
    }

    /// Whether a sorted vocabulary holds character n-grams: they sort before every term.
    private static func hasCharacterGrams(_ terms: [String]) -> Bool {
        terms.first?.hasPrefix(GermanText.characterGramMark) == true
    }

    private static func index(_ terms: [String]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, $0) })
    }

    /// Learns the vocabulary: terms in at least `minimumDocuments` documents and in at most
    /// `maximumShare` of them (a term in nearly every letter says nothing). With `groups` (the
    /// office each document comes from), only terms used by at least `minimumGroups` offices: names,
    /// street names and template phrases of one town hall do not carry over to another; except in
    /// documents of ``homeGroup``, the town the model is for, whose own terms count from
    /// `minimumDocuments` of its documents on.
    init(fitting documents: [[String]], weighting: Weighting, ngrams: Int, minimumDocuments: Int, maximumShare: Double = 1,
         groups: [String]? = nil, minimumGroups: Int = 1) {
        self.weighting = weighting
        self.ngrams = ngrams
        // Counted by term number, with the offices using a term as bits: a fit sees millions of
        // (document, term) pairs once character n-grams are in, and a set of office names per term
        // made that the slowest part of training.
        let groupNumbers = groups.map { names in
            Dictionary(Set(names).sorted().enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var number: [String: Int] = [:]
        var names: [String] = []
        var frequency: [Int] = []
        var homeFrequency: [Int] = []
        var users: [UInt64] = []
        var manyUsers: [Int: Set<Int>] = [:]  // only with more than 64 offices
        for (position, document) in documents.enumerated() {
            let isHome = groups?[position] == Self.homeGroup
            let group = groups.flatMap { groupNumbers?[$0[position]] }
            for term in Set(Self.grams(document, ngrams: ngrams)) {
                let id: Int
                if let known = number[term] {
                    id = known
                } else {
                    id = names.count
                    number[term] = id
                    names.append(term)
                    frequency.append(0)
                    homeFrequency.append(0)
                    users.append(0)
                }
                frequency[id] += 1
                if isHome { homeFrequency[id] += 1 }
                if let group, minimumGroups > 1 {
                    if group < 64 { users[id] |= 1 << UInt64(group) } else { manyUsers[id, default: []].insert(group) }
                }
            }
        }
        let limit = Double(documents.count) * maximumShare
        let counting = groups != nil && minimumGroups > 1
        terms = names.indices.filter { id in
            frequency[id] >= minimumDocuments && Double(frequency[id]) <= limit
                && (!counting || users[id].nonzeroBitCount + (manyUsers[id]?.count ?? 0) >= minimumGroups
                    || homeFrequency[id] >= minimumDocuments)
        }.map { names[$0] }.sorted()
        let count = Double(documents.count)
        idf = terms.map { log((1 + count) / (1 + Double(number[$0].map { frequency[$0] } ?? 0))) + 1 }
        index = Self.index(terms)
        characterGrams = Self.hasCharacterGrams(terms)
    }

    var count: Int { terms.count }

    /// The group name that marks the home town's documents in `init(fitting:…groups:)`.
    static let homeGroup = "\u{0}home"

    func vectors(_ documents: [[String]]) -> [SparseVector] { documents.map(vector) }

    func term(at position: Int) -> String { terms[position] }

    /// A vocabulary entry for people: a term as it is, an n-gram as `letters ‹bad ›`.
    func display(at position: Int) -> String {
        let term = terms[position]
        guard term.hasPrefix(GermanText.characterGramMark) else { return "term \(term)" }
        return "letters ‹\(term.dropFirst(GermanText.characterGramMark.count))›"
    }

    func vector(_ document: [String]) -> SparseVector {
        var counts: [Int: Double] = [:]
        for gram in Self.grams(document, ngrams: ngrams) {
            if let position = index[gram] { counts[position, default: 0] += 1 }
        }
        let positions = counts.keys.sorted()
        var values = positions.map { position -> Double in
            let count = counts[position] ?? 0
            return weighting == .counts ? count : (1 + log(count)) * idf[position]
        }
        if weighting == .tfidf {
            // The mark sorts before every letter: the n-grams come first in the vocabulary.
            let split = characterGrams ? positions.firstIndex { !terms[$0].hasPrefix(GermanText.characterGramMark) } ?? positions.count : 0
            for range in characterGrams ? [0..<split, split..<positions.count] : [0..<positions.count] {
                let norm = sqrt(values[range].reduce(0) { $0 + $1 * $1 }) * (characterGrams ? sqrt(2) : 1)
                if norm > 0 { for position in range { values[position] /= norm } }
            }
        }
        return SparseVector(indices: positions, values: values)
    }

    private static func grams(_ document: [String], ngrams: Int) -> [String] {
        guard ngrams > 1, document.count > 1 else { return document }
        var grams = document
        for position in 1..<document.count { grams.append(document[position - 1] + " " + document[position]) }
        return grams
    }
}
