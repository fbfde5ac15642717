/// Text search over codes, titles, keywords and descriptions, for people looking up where
/// something is filed.
extension FilePlan {
    /// One search result, best first.
    public struct SearchHit: Sendable {
        public var node: PlanNode
        public var score: Int
        /// What matched: `code`, `title`, `keyword: Hundesteuer`, `description`.
        public var matches: [String]

        public init(node: PlanNode, score: Int, matches: [String]) {
            self.node = node
            self.score = score
            self.matches = matches
        }
    }

    /// Nodes matching every word of `query` (case, umlauts and ß folded: `Baumfaellung` finds
    /// `Baumfällung`), ranked: code and keyword hits above title hits above description hits.
    public func search(_ query: String) -> [SearchHit] {
        let words = query.split(whereSeparator: { $0.isWhitespace }).map { PlanText.fold(String($0)) }.filter { !$0.isEmpty }
        guard !words.isEmpty else { return [] }
        var hits: [SearchHit] = []
        for node in nodes {
            var score = 0
            var matches: [String] = []
            var everyWordFound = true
            for word in words {
                var wordScore = 0
                if PlanText.fold(node.code.written) == word || node.code.key == word {
                    wordScore = max(wordScore, 100); matches.append("code")
                }
                for keyword in node.keywords where PlanText.fold(keyword).contains(word) {
                    wordScore = max(wordScore, PlanText.fold(keyword) == word ? 60 : 40); matches.append("keyword: \(keyword)")
                }
                if PlanText.fold(node.title).contains(word) { wordScore = max(wordScore, 50); matches.append("title") }
                if let description = node.description, PlanText.fold(description).contains(word) {
                    wordScore = max(wordScore, 10); matches.append("description")
                }
                if wordScore == 0 { everyWordFound = false; break }
                score += wordScore
            }
            if everyWordFound {
                var unique: [String] = []
                for match in matches where !unique.contains(match) { unique.append(match) }
                // Deeper nodes are more specific: prefer them among equals.
                hits.append(SearchHit(node: node, score: score * 10 + node.level, matches: unique))
            }
        }
        return hits.sorted { ($0.score, $1.node.code) > ($1.score, $0.node.code) }
    }
}

/// Folding of German text for matching: case, umlauts (ä → ae), ß → ss. Public because the
/// classifier must fold document text exactly as plan keywords are folded.
public enum PlanText {
    public static func fold(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            switch character {
            case "ä": result += "ae"
            case "ö": result += "oe"
            case "ü": result += "ue"
            case "ß": result += "ss"
            default: result.append(character)
            }
        }
        return result
    }
}
