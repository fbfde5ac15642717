import FilePlan
import Foundation

/// One plan keyword or title word, folded and ready to be found in a document's tokens.
///
/// How often it occurs is counted by ``KeywordIndex``: a word of 3 letters or fewer must be a whole
/// token; of 4 to 6, the start of one (`hund` in `hundesteuer`; not `ehrung` in `gewaehrung`);
/// longer words may also sit inside a compound (`gebuehr` in `abfallgebuehrenbescheid`), which counts
/// half because compounds such as street names (`hauptstrasse`) often mean something else. A phrase
/// must appear as consecutive tokens; its last word may be the start of a longer one.
struct KeywordMatcher: Sendable {
    enum Kind: String, Sendable { case keyword, title = "title word" }

    var kind: Kind
    /// As written in the plan, for the evidence.
    var display: String
    /// Folded tokens: one for a word, several for a phrase.
    var parts: [String]
    /// How specific it is: ln(1 + nodes / nodes with this term), halved for title words.
    var weight: Double

    /// Words too common in titles to say anything, and the structural words of a plan's titles
    /// (`Allgemeine Verwaltung`, `Öffentliche Einrichtungen`) that every council paper contains.
    static let stopWords: Set<String> = ["und", "der", "die", "das", "des", "fuer", "von", "mit", "im", "in", "an",
                                         "am", "zur", "zum", "bei", "auf", "allgemein", "allgemeine", "sonstige",
                                         "angelegenheiten", "stadt", "verwaltung", "oeffentliche", "oeffentlicher",
                                         "soziale", "sozialen", "unter", "ueber", "jahren", "drei", "sowie"]

    static func build(for plan: FilePlan) -> [PlanCode: [KeywordMatcher]] {
        var terms: [PlanCode: [(Kind, String, [String])]] = [:]
        var frequency: [String: Int] = [:]
        for node in plan.nodes {
            var nodeTerms: [(Kind, String, [String])] = []
            for keyword in node.keywords {
                let parts = GermanText.tokens(keyword)
                if !parts.isEmpty { nodeTerms.append((.keyword, keyword, parts)) }
            }
            for word in GermanText.tokens(node.title) where word.count >= 5 && !stopWords.contains(word) {
                if !nodeTerms.contains(where: { $0.2 == [word] }) { nodeTerms.append((.title, word, [word])) }
            }
            terms[node.code] = nodeTerms
            for key in Set(nodeTerms.map { $0.2.joined(separator: " ") }) { frequency[key, default: 0] += 1 }
        }
        let nodeCount = Double(max(plan.count, 1))
        return terms.mapValues { nodeTerms in
            nodeTerms.map { kind, display, parts in
                let idf = log(1 + nodeCount / Double(frequency[parts.joined(separator: " ")] ?? 1))
                return KeywordMatcher(kind: kind, display: display, parts: parts, weight: kind == .title ? idf / 2 : idf)
            }
        }
    }
}
