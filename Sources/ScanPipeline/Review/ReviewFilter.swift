public import FilePlan

/// Which documents `scanctl review` lists, or changes in bulk.
public struct ReviewFilter: Sendable, Equatable {
    public enum States: String, Sendable, CaseIterable {
        case needsReview = "needs-review"
        case filed
        /// Nicht aktenrelevant: discarded in review, never exported.
        case discarded
        /// Every record still in the workspace's keeping: in review, filed or exported (not the
        /// discarded, so that a bulk review over `all` never meets one).
        case all

        package var documentStates: [DocumentState] {
            switch self {
            case .needsReview: [.needsReview]
            case .filed: [.filed, .exported]
            case .discarded: [.discarded]
            case .all: [.needsReview, .filed, .exported]
            }
        }
    }

    public var states: States
    /// Only documents whose confidence (the probability of the classifier's best placement) is
    /// below this.
    public var below: Double?
    /// Only documents filed under this node or below it.
    public var code: PlanCode?
    /// Only documents of this batch (its id or the start of it).
    public var batch: String?

    public init(states: States = .needsReview, below: Double? = nil, code: PlanCode? = nil, batch: String? = nil) {
        self.states = states
        self.below = below
        self.code = code
        self.batch = batch
    }

    func admits(_ item: ReviewItem) -> Bool {
        guard let state = DocumentState(rawValue: item.state), states.documentStates.contains(state) else { return false }
        if let below, item.confidence >= below { return false }
        if let code {
            guard let filed = item.planCode.flatMap(PlanCode.init), filed.isDescendant(ofOrEqualTo: code) else { return false }
        }
        if let batch, !item.batch.hasPrefix(batch) { return false }
        return true
    }
}
