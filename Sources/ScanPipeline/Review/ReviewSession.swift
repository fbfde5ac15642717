public import FilePlan

/// Who reviews, against which plan and policy, with which scanctl (named in the events of the
/// records it rewrites).
public struct ReviewSession: Sendable {
    public var reviewer: String
    public var plan: FilePlan
    public var policy: ReviewPolicy
    public var software: String

    public init(reviewer: String, plan: FilePlan, policy: ReviewPolicy, software: String) {
        self.reviewer = reviewer.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        self.plan = plan
        self.policy = policy
        self.software = software
    }

    /// Two names are the same reviewer when they differ only in case and spacing.
    static func sameReviewer(_ one: String, _ other: String) -> Bool {
        func normal(_ name: String) -> String { name.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased() }
        return normal(one) == normal(other)
    }
}
