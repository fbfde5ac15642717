extension DocumentState {
    /// The settled states as an SQL list, for `state NOT IN (…)`.
    static let settledSQLList = allCases.filter(\.isSettled).map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// The states of documents put aside (open, released or retried since) as an SQL list.
    static let quarantineSQLList = allCases.filter(\.isQuarantine).map { "'\($0.rawValue)'" }.joined(separator: ", ")
}
