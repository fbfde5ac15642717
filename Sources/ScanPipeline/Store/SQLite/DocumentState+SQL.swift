extension DocumentState {
    /// The settled states as an SQL list, for `state NOT IN (…)`.
    static let settledSQLList = allCases.filter(\.isSettled).map { "'\($0.rawValue)'" }.joined(separator: ", ")
}
