/// Where a change that waits for a second reviewer (four eyes) is.
public enum ReviewRequestState: String, Sendable, Codable, CaseIterable {
    /// Requested, waiting for a second person.
    case pending
    /// Approved by a second person: the change is applied.
    case approved
    /// Turned down by a second person: nothing changed.
    case rejected
    /// Taken back by the person who asked for it: nothing changed.
    case withdrawn
}
