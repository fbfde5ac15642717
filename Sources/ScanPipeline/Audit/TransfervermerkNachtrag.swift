/// The supplement (Nachtrag) to a batch's Transfervermerk, written when its paper is released for
/// destruction: what TR-RESISCAN asks to be documented after the scan, which the Transfervermerk,
/// written and sealed when the batch closed, cannot hold: the sample checks (rounds, rule, every
/// check by whom, defects and how they were resolved), the rescans since, and the release. It names
/// the Transfervermerk it completes by its SHA-256 and, sealed, pins the audit trail as it stood.
public struct TransfervermerkNachtrag: Sendable, Codable, Equatable {
    /// A rescan of pages of the batch's records, or a flag accepted as it is.
    public struct Rescan: Sendable, Codable, Equatable {
        /// `replaced` or `accepted`.
        public var kind: String
        public var document: String
        public var pages: [Int]
        public var by: String
        public var at: String
        public var reason: String?
    }

    /// Where a page of the batch lies on paper: its file and page there (an Akte's file by its
    /// folder and name).
    public struct PagePlace: Sendable, Codable, Equatable {
        public var reference: String
        public var file: String
        public var filePage: Int
        /// The Akte's Aktenzeichen, for a delivery.
        public var aktenzeichen: String?
    }

    public var format = "scanctl-transfervermerk-nachtrag"
    public var formatVersion = 1
    public var batch: String
    /// The Transfervermerk it completes: `transfervermerke/<batch>.json` and its SHA-256.
    public var transfervermerk: String
    public var transfervermerkSHA256: String
    public var writtenAt: String
    public var quality: QualityReport
    /// Where each checked page lies, by its reference (`3fa2b1c0:2`).
    public var places: [PagePlace]
    public var rescans: [Rescan]
    /// The Akten and documents of the batch with a record, whose paper the release covers.
    public var covered: [String]
    public var auditHead: Transfervermerk.AuditHead
}
