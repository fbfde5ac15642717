/// What `scanctl retention dispose` did (or, with `--dry-run`, would do).
public struct DisposalSummary: Sendable, Encodable {
    /// One record's deletion protocol.
    public struct Record: Sendable, Encodable, Equatable {
        public var record: String
        public var aktenzeichen: String?
        public var planCode: String?
        public var retentionEnd: String?
        /// `vernichten` (V) or `kassabel` (the archive's Bewertung).
        public var grounds: String
        /// The removed files with their SHA-256.
        public var files: [String: String]
        /// The Löschprotokoll's file in the workspace.
        public var protocolFile: String
    }

    public var dryRun: Bool
    public var reason: String
    public var records: [Record]
}
