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
    }

    static func == (lhs: TermVectorizer, rhs: TermVectorizer) -> Bool {
        lhs.terms == rhs.terms && lhs.idf == rhs.idf && lhs.weighting == rhs.weighting && lhs.ngrams == rhs.ngrams
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
        var frequency: [String: Int] = [:]
        var homeFrequency: [String: Int] = [:]
        var users: [String: Set<String>] = [:]
        for (position, document) in documents.enumerated() {
            let isHome = groups?[position] == Self.homeGroup
            for term in Set(Self.grams(document, ngrams: ngrams)) {
                frequency[term, default: 0] += 1
                if isHome { homeFrequency[term, default: 0] += 1 }
                if let groups, minimumGroups > 1 { users[term, default: []].insert(groups[position]) }
            }
        }
        let limit = Double(documents.count) * maximumShare
        terms = frequency.filter { term, count in
            count >= minimumDocuments && Double(count) <= limit
                && (users.isEmpty || (users[term]?.count ?? 0) >= minimumGroups || (homeFrequency[term] ?? 0) >= minimumDocuments)
        }.keys.sorted()
        let count = Double(documents.count)
        idf = terms.map { log((1 + count) / (1 + Double(frequency[$0] ?? 0))) + 1 }
        index = Self.index(terms)
    }

    var count: Int { terms.count }

    /// The group name that marks the home town's documents in `init(fitting:…groups:)`.
    static let homeGroup = "\u{0}home"

    func vectors(_ documents: [[String]]) -> [SparseVector] { documents.map(vector) }

    func term(at position: Int) -> String { terms[position] }

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
            let norm = sqrt(values.reduce(0) { $0 + $1 * $1 })
            if norm > 0 { values = values.map { $0 / norm } }
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
