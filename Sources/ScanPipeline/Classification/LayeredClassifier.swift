public import FilePlan
import Foundation

/// The classifier `scanctl run` uses: the plan's layers (Aktenzeichen, keywords and titles; see
/// ``PlanEvidenceCollector``) and, once trained, a statistical layer (TF-IDF and logistic
/// regression, see ``ClassificationModel``), combined into one calibrated probability per
/// candidate by ``LayerCombination``.
///
/// The plan is walked from the main groups down, always following the most probable child, so
/// there are candidates at every level. A node's probability is its parent's times its own among
/// its siblings. The document is filed under the deepest node on that path whose probability
/// reaches the threshold of its level; it is filed automatically only when that node is a leaf,
/// and otherwise queued for review with the reason. Without any evidence every sibling is equally
/// likely, so nothing is ever filed on a guess.
public struct LayeredClassifier: DocumentClassifier {
    public let name = "layered"
    public let version = "3"
    public let plan: FilePlan
    public let model: ClassificationModel?
    /// `model@…`, when there is a model.
    public let modelVersion: String?
    public var policy: DecisionPolicy

    private let collector: PlanEvidenceCollector
    /// The combination for levels without a statistical layer.
    private let planOnly: LayerCombination
    /// Template lines removed before either layer reads a text: the model's, and those learned
    /// from this workspace's own documents.
    let templates: TemplateLines

    public init(plan: FilePlan, model: ClassificationModel? = nil, modelVersion: String? = nil,
                policy: DecisionPolicy = .standard) {
        self.init(plan: plan, model: model, modelVersion: modelVersion, planOnly: model?.planOnly, policy: policy,
                  templates: TemplateLines())
    }

    /// With the template lines of the town's own documents besides the model's (evaluation on a
    /// held-out town learns them from its unlabelled documents, as a workspace does from its own).
    init(plan: FilePlan, model: ClassificationModel?, modelVersion: String?, policy: DecisionPolicy, templates: TemplateLines) {
        self.init(plan: plan, model: model, modelVersion: modelVersion, planOnly: model?.planOnly, policy: policy,
                  templates: templates)
    }

    /// The plan layers alone, weighted by `planOnly` (a model's, for comparisons).
    init(plan: FilePlan, planOnly: LayerCombination?, policy: DecisionPolicy, templates: TemplateLines = TemplateLines()) {
        self.init(plan: plan, model: nil, modelVersion: nil, planOnly: planOnly, policy: policy, templates: templates)
    }

    private init(plan: FilePlan, model: ClassificationModel?, modelVersion: String?, planOnly: LayerCombination?,
                 policy: DecisionPolicy, templates: TemplateLines) {
        self.plan = plan
        self.model = model
        self.modelVersion = model == nil ? nil : modelVersion
        self.policy = policy
        self.collector = PlanEvidenceCollector(plan: plan)
        self.planOnly = planOnly ?? .planOnlyDefault
        self.templates = (model?.templates ?? TemplateLines()).merging(templates)
    }

    public func classify(_ text: String) -> Classification {
        let discounted = templates.discounted(text)
        return classify(discounted, evidence: collector.collect(discounted, referencesIn: text))
    }

    /// Classification of a text already without its template lines, with its plan evidence.
    private func classify(_ text: String, evidence: PlanEvidence) -> Classification {
        let statistical = model.map { StatisticalView(model: $0, text: text) }
        var candidates: [ClassificationCandidate] = []
        var filedUnder: ClassificationCandidate?
        var reviewReason: String?
        var options = plan.roots.compactMap { plan.node($0) }
        var parentProbability = 1.0
        var confident = true
        while !options.isEmpty {
            let level = options[0].level
            let probabilities = siblingProbabilities(options, level: level, evidence: evidence, statistical: statistical)
            let ranked = zip(options, probabilities).map { ($0, $1 * parentProbability) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.code < $1.0.code }
            let levelCandidates = ranked.prefix(3).map { node, probability in
                ClassificationCandidate(
                    code: node.code.written, title: node.title, level: node.level,
                    probability: (probability * 10000).rounded() / 10000, score: (evidence.score(node.code) * 100).rounded() / 100,
                    evidence: evidence.evidence(below: node, in: plan) + (statistical?.evidence(for: node) ?? []))
            }
            candidates += levelCandidates
            let (bestNode, bestProbability) = ranked[0]
            let threshold = policy.threshold(level: level)
            if confident {
                if bestProbability >= threshold {
                    filedUnder = levelCandidates[0]
                } else {
                    confident = false
                    reviewReason = evidence.subtreeScores.isEmpty && statistical == nil
                        ? "nothing in the text matches the file plan"
                        : String(format: "not sure at level %d: best %@ %@ with probability %.2f < %.2f", level,
                                 bestNode.code.written, bestNode.title, bestProbability, threshold)
                }
            }
            parentProbability = bestProbability
            options = plan.children(of: bestNode)
        }
        let decision: Classification.Decision = confident && filedUnder != nil ? .filed : .needsReview
        var classification = Classification(
            classifier: name, classifierVersion: version, model: modelVersion, planVersion: plan.version,
            candidates: candidates, filedUnder: filedUnder, decision: decision, thresholds: policy.thresholds,
            reviewReason: decision == .filed ? nil : reviewReason, references: evidence.references)
        if let relevance = model?.relevance {
            let (probability, terms) = relevance.assess(statistical?.terms ?? GermanText.terms(text))
            classification.notRecordRelevant = (probability * 10000).rounded() / 10000
            if probability >= RelevanceLayer.reviewThreshold {
                classification.holdForReview(because: String(
                    format: "perhaps nicht aktenrelevant (probability %.2f; %@): discard it with a reason, or file it", probability,
                    terms.isEmpty ? "like documents discarded before" : terms.joined(separator: ", ")))
            }
        }
        return classification
    }

    /// P(node | parent) for each of `options`, siblings at `level`.
    func siblingProbabilities(_ options: [PlanNode], level: Int, evidence: PlanEvidence,
                              statistical: StatisticalView?) -> [Double] {
        let features = Self.features(options, evidence: evidence, statisticalShares: statistical?.shares(of: options, level: level))
        let combination = statistical?.model.level(level)?.combination ?? planOnly
        return combination.probabilities(features)
    }

    /// The combination's features for each of `options`, siblings in the plan.
    static func features(_ options: [PlanNode], evidence: PlanEvidence, statisticalShares: [Double]?) -> [[Double]] {
        let total = options.reduce(0) { $0 + evidence.score($1.code) }
        return options.enumerated().map { index, node in
            LayerCombination.features(score: evidence.score(node.code), siblingsTotal: total,
                                      referenced: evidence.referenced.contains(node.code),
                                      statistical: statisticalShares?[index])
        }
    }
}
