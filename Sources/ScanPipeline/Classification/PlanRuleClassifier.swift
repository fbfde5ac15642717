public import FilePlan
import Foundation

/// The first classification layers, from the file plan alone, so that a new installation files
/// documents before any training:
///
/// (a) an Aktenzeichen quoted in the text (`Az. 63.2-0147/2026`, `Ihr Zeichen: …`) that resolves to a
///     plan node gives that node strong evidence;
/// (b) each plan keyword found in the text gives its node evidence weighted by how specific the
///     keyword is (an inverse document frequency over the plan's nodes), title words a little less.
///
/// Evidence is summed up the tree, then the plan is walked from the main groups down: at each level
/// the best child's confidence is its share of the evidence it and the runner-up have together
/// (0.5 when they tie, 1 when it is alone), damped while the evidence is thin. The walk stops where no child reaches the threshold. A document whose walk
/// ends at a leaf is filed; one that stops above the leaves is filed at that node and queued for
/// review. These confidences are not calibrated probabilities (that comes with the statistical
/// layer); they rank and they say "not sure".
public struct PlanRuleClassifier: DocumentClassifier {
    public let name = "plan-rules"
    public let version = "1"
    public let plan: FilePlan
    /// The confidence a candidate needs at each level to be followed.
    public var threshold: Double

    private let matchers: [PlanCode: [KeywordMatcher]]

    /// Evidence added for an Aktenzeichen naming the node exactly, or naming a code below it.
    static let exactReferenceEvidence = 40.0
    static let ancestorReferenceEvidence = 25.0
    /// Evidence at which confidence is damped by 1 − e^(−evidence / this).
    static let evidenceScale = 3.0

    public init(plan: FilePlan, threshold: Double = 0.65) {
        self.plan = plan
        self.threshold = threshold
        self.matchers = KeywordMatcher.build(for: plan)
    }

    public func classify(_ text: String) -> Classification {
        let tokens = GermanText.tokens(text)
        var counts: [String: Int] = [:]
        for token in tokens { counts[token, default: 0] += 1 }

        var own: [PlanCode: Double] = [:]
        var evidence: [PlanCode: [(String, Double)]] = [:]
        for (code, nodeMatchers) in matchers {
            for matcher in nodeMatchers {
                let found = matcher.count(in: counts, tokens: tokens)
                guard found > 0 else { continue }
                let weight = matcher.weight * (found >= 1 ? 1 + log(found) : found)
                own[code, default: 0] += weight
                let times = found == found.rounded() ? String(Int(found)) : String(format: "%.1f", found)
                evidence[code, default: []].append(("\(matcher.kind.rawValue) \(matcher.display)" + (found != 1 ? " ×\(times)" : ""), weight))
            }
        }
        let references = plan.references(in: text)
        for (reference, node) in references {
            let exact = node.code == reference.code
            let weight = exact ? Self.exactReferenceEvidence : Self.ancestorReferenceEvidence
            own[node.code, default: 0] += weight
            evidence[node.code, default: []].append(("Aktenzeichen \(reference.text)", weight))
        }

        var subtree: [PlanCode: Double] = [:]
        func total(_ code: PlanCode) -> Double {
            if let known = subtree[code] { return known }
            let node = plan.node(code)
            let sum = (own[code] ?? 0) + (node.map { plan.children(of: $0).reduce(0) { $0 + total($1.code) } } ?? 0)
            subtree[code] = sum
            return sum
        }
        func subtreeEvidence(_ node: PlanNode) -> [String] {
            var all: [(String, Double)] = []
            var stack = [node]
            while let next = stack.popLast() {
                all += evidence[next.code] ?? []
                stack += plan.children(of: next)
            }
            var seen = Set<String>()
            return all.sorted { $0.1 > $1.1 }.map(\.0).filter { seen.insert($0).inserted }.prefix(6).map { $0 }
        }

        var candidates: [ClassificationCandidate] = []
        var filedUnder: ClassificationCandidate?
        var options = plan.roots.compactMap { plan.node($0) }
        var reviewReason: String?
        while !options.isEmpty {
            let scored = options.map { ($0, total($0.code)) }.sorted { $0.1 > $1.1 }
            let sum = scored.reduce(0) { $0 + $1.1 }
            guard sum > 0 else {
                reviewReason = filedUnder.map { "nothing in the text points below \($0.code) \($0.title)" }
                    ?? "nothing in the text matches the file plan"
                break
            }
            let runnerUp = scored.count > 1 ? scored[1].1 : 0
            let level = scored.prefix(3).map { node, score in
                candidate(node, score: score, against: score == scored[0].1 ? runnerUp : scored[0].1,
                          evidence: subtreeEvidence(node))
            }
            candidates += level
            let best = level[0]
            guard best.confidence >= threshold else {
                reviewReason = String(format: "not sure at level %d: best %@ %@ with %.2f < %.2f", best.level, best.code,
                                      best.title, best.confidence, threshold)
                break
            }
            filedUnder = best
            options = plan.children(of: scored[0].0)
        }
        let decision: Classification.Decision = (filedUnder != nil && reviewReason == nil) ? .filed : .needsReview
        return Classification(
            classifier: name, classifierVersion: version, planVersion: plan.version, candidates: candidates,
            filedUnder: filedUnder, decision: decision, threshold: threshold,
            reviewReason: decision == .filed ? nil : reviewReason, references: references.map(\.reference.text))
    }

    /// `rival` is the runner-up's score for the best candidate, the best one's for all others.
    private func candidate(_ node: PlanNode, score: Double, against rival: Double, evidence: [String]) -> ClassificationCandidate {
        let strength = 1 - exp(-score / Self.evidenceScale)
        let share = score + rival > 0 ? score / (score + rival) : 0
        let confidence = (share * strength * 1000).rounded() / 1000
        return ClassificationCandidate(code: node.code.written, title: node.title, level: node.level,
                                       confidence: confidence, score: (score * 100).rounded() / 100, evidence: evidence)
    }
}
