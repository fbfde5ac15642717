/// The lifecycle of a four-eyes request as a pure state machine: requested, then approved,
/// rejected or withdrawn exactly once. Who may decide (another identity than the requester) is
/// the review policy's to check; this says only which decisions are still possible.
public struct ReviewRequestLifecycle: Sendable, Equatable {
    public enum Event: String, Sendable, Equatable, CaseIterable {
        case approve
        case reject
        case withdraw
    }

    public private(set) var state: ReviewRequestState

    /// A new request: pending.
    public init() { state = .pending }

    /// A request read back from the store.
    public init(resumingAt state: ReviewRequestState) { self.state = state }

    public mutating func handle(_ event: Event) throws(ScanPipelineError) {
        state = try Self.target(of: event, from: state)
    }

    public static func target(of event: Event, from state: ReviewRequestState) throws(ScanPipelineError) -> ReviewRequestState {
        guard state == .pending else {
            throw ScanPipelineError(.illegalTransition, "the change was \(state.rawValue) already; it cannot be \(event.pastTense)")
        }
        return switch event {
        case .approve: .approved
        case .reject: .rejected
        case .withdraw: .withdrawn
        }
    }
}

extension ReviewRequestLifecycle.Event {
    var pastTense: String {
        switch self {
        case .approve: "approved"
        case .reject: "rejected"
        case .withdraw: "withdrawn"
        }
    }
}
