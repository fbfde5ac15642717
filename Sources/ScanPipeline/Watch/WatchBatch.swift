/// One batch a watcher ran: its summary and where each file went, for a scheduler or a log
/// collector (`scanctl watch --json` prints one per line).
public struct WatchBatch: Sendable, Codable {
    public struct File: Sendable, Codable {
        public var name: String
        /// `done`, `failed`, `waiting` (not taken up: the run stopped first) or `changed` (written
        /// again after it was taken: it stays, and is taken as a new file).
        public var outcome: String
        public var movedTo: String?
    }

    public var inbox: String
    public var summary: RunSummary
    public var files: [File]
}
