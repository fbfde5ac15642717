/// A store that measures the time spent waiting on its database, for the benchmark's share of
/// page time that goes to commits and appends.
package protocol StoreMetering: Sendable {
    var timeInDatabase: Duration { get }
    /// Of the commits that appended: writing the head file after them (outside the database).
    var timeWritingHeadFile: Duration { get }
}
