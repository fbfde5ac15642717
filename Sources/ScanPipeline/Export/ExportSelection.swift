/// Which records an export takes.
public struct ExportSelection: Sendable, Equatable {
    public enum States: String, Sendable, CaseIterable {
        /// Filed automatically (the default: what a DMS should receive without review).
        case filed
        case needsReview = "needs-review"
        case all
    }

    public var states: States
    /// Only records filed under this plan code or below it.
    public var codePrefix: String?
    /// Only records of this batch (its id or the start of it).
    public var batch: String?

    public init(states: States = .filed, codePrefix: String? = nil, batch: String? = nil) {
        self.states = states
        self.codePrefix = codePrefix
        self.batch = batch
    }

    /// The document states it takes.
    var documentStates: [DocumentState] {
        switch states {
        case .filed: [.filed, .exported]
        case .needsReview: [.needsReview]
        case .all: [.filed, .needsReview, .exported]
        }
    }
}
