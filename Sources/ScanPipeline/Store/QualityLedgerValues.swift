/// A batch as sample checks see it: its documents and whether its run finished.
struct QualityLedgerBatch: Sendable {
    struct Document: Sendable {
        var id: String
        var state: DocumentState
        /// The source file's path as ingested.
        var file: String
    }

    var id: String
    var closed: Bool
    var documents: [Document]
    /// Inputs of the batch that became no document: skipped (a link out of the delivery, a FIFO,
    /// a manifest row naming nothing, …; not checksum lists) or quarantined before they had a hash
    /// (an Akte with a file that could not be read). Their paper is not covered by a release.
    var unprocessed: [QualityReport.Unprocessed] = []
}

/// One sample round as stored.
struct QualityLedgerRound: Sendable {
    struct Sample: Sendable {
        var document: String
        var page: Int
        var imageSHA256: String
        /// The source file's name.
        var file: String
    }

    var id: String
    var batch: String
    var number: Int
    var seed: String
    var ratePercent: Double?
    var count: Int?
    var population: Int
    var acceptance: Int
    var drawnBy: String
    var drawnAt: String
    var pages: [Sample]
}

/// One check of a sampled page as stored.
struct QualityLedgerCheck: Sendable {
    var round: String
    var document: String
    var page: Int
    var imageSHA256: String
    /// `ok` or `defect`.
    var verdict: String
    var defect: String?
    var note: String?
    var checkedBy: String
    var checkedAt: String
}

/// The release of a batch's paper as stored.
struct QualityLedgerRelease: Sendable {
    var batch: String
    var releasedBy: String
    var releasedAt: String
    var reason: String?
}

/// A batch's sample checks as stored.
struct QualityLedgerState: Sendable {
    var rounds: [QualityLedgerRound]
    var checks: [QualityLedgerCheck]
    var release: QualityLedgerRelease?
}
