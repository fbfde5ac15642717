public import FilePlan

/// Who reviews (an authenticated user), against which plan and policy, with which scanctl (named
/// in the events of the records it rewrites).
public struct ReviewSession: Sendable {
    public var user: AuthenticatedUser
    public var plan: FilePlan
    public var policy: ReviewPolicy
    public var software: String

    public init(user: AuthenticatedUser, plan: FilePlan, policy: ReviewPolicy, software: String) {
        self.user = user
        self.plan = plan
        self.policy = policy
        self.software = software
    }

    /// The reviewer's login name: what the audit trail and the record's metadata name.
    public var reviewer: String { user.name }

    /// Four eyes compare authenticated login names, which are unique and canonical; a display
    /// name never counts.
    static func sameReviewer(_ one: String, _ other: String) -> Bool { one == other }
}
