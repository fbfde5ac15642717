import FilePlan
import Foundation

/// Layers (a) and (b) of the classification, from the file plan alone, so that a new installation
/// files documents before any training:
///
/// (a) an Aktenzeichen quoted in the text (`Az. 63.2-0147/2026`, `Ihr Zeichen: …`) that resolves to
///     a plan node gives that node strong evidence (its ancestor, when only a prefix resolves);
/// (b) each plan keyword found in the text gives its node evidence weighted by how specific the
///     keyword is (an inverse document frequency over the plan's nodes), title words half that.
struct PlanEvidenceCollector: Sendable {
    let plan: FilePlan
    /// Every keyword and title word of the plan, with the node it belongs to.
    private let matchers: [(code: PlanCode, matcher: KeywordMatcher)]
    private let index: KeywordIndex

    /// Evidence added for an Aktenzeichen naming the node exactly, or naming a code below it.
    static let exactReferenceEvidence = 40.0
    static let ancestorReferenceEvidence = 25.0

    init(plan: FilePlan) {
        self.plan = plan
        let matchers = KeywordMatcher.build(for: plan).sorted { $0.key < $1.key }.flatMap { code, matchers in
            matchers.map { (code: code, matcher: $0) }
        }
        self.matchers = matchers
        self.index = KeywordIndex(matchers.map(\.matcher))
    }

    /// The evidence in `text`; Aktenzeichen are looked for in `referencesIn` when given: the whole
    /// text, when `text` is the text without its template lines (a letterhead's `Az.` line is a
    /// template line by its form, but the number in it is the document's own).
    func collect(_ text: String, referencesIn fullText: String? = nil) -> PlanEvidence {
        let tokens = GermanText.tokens(text)
        let occurrences = index.occurrences(in: tokens)
        // A keyword that is a part of a compound (`Bad` in `Freizeitbad`) counts half, like one
        // inside a compound; a title word does not count there: `Ordnung` in `Bauordnung` is no
        // evidence for Sicherheit und Ordnung.
        let inCompounds = index.occurrences(in: GermanText.compoundParts(tokens))
        var own: [PlanCode: Double] = [:]
        var notes: [PlanCode: [(String, Double)]] = [:]
        for (number, (code, matcher)) in matchers.enumerated() {
            let found = occurrences[number] + (matcher.kind == .keyword ? inCompounds[number] / 2 : 0)
            guard found > 0 else { continue }
            let weight = matcher.weight * (found >= 1 ? 1 + log(found) : found)
            own[code, default: 0] += weight
            let times = found == found.rounded() ? String(Int(found)) : String(format: "%.1f", found)
            notes[code, default: []].append(("\(matcher.kind.rawValue) \(matcher.display)" + (found != 1 ? " ×\(times)" : ""), weight))
        }
        var referenced = Set<PlanCode>()
        let references = plan.references(in: fullText ?? text)
        for (reference, node) in references {
            let weight = node.code == reference.code ? Self.exactReferenceEvidence : Self.ancestorReferenceEvidence
            own[node.code, default: 0] += weight
            notes[node.code, default: []].append(("Aktenzeichen \(reference.text)", weight))
            for ancestor in plan.path(to: node) { referenced.insert(ancestor.code) }
        }

        // Sum up the tree: children come after their parents in plan order, so walk it backwards.
        var subtree = own
        for node in plan.nodes.reversed() {
            guard let parent = node.parent, let score = subtree[node.code], score > 0 else { continue }
            subtree[parent, default: 0] += score
        }
        return PlanEvidence(subtreeScores: subtree, referenced: referenced, references: references.map(\.reference.text),
                            notes: notes)
    }
}
