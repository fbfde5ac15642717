/// A batch as sample checks see it: its documents and whether its run finished.
package struct QualityLedgerBatch: Sendable {
    package struct Document: Sendable {
        package var id: String
        package var state: DocumentState
        /// The source file's path as ingested.
        package var file: String
    }

    package var id: String
    package var closed: Bool
    package var documents: [Document]
    /// Inputs of the batch that became no document: skipped (a link out of the delivery, a FIFO,
    /// a manifest row naming nothing, …; not checksum lists) or quarantined before they had a hash
    /// (an Akte with a file that could not be read). Their paper is not covered by a release.
    package var unprocessed: [QualityReport.Unprocessed] = []
}

/// One sample round as stored.
package struct QualityLedgerRound: Sendable {
    package struct Sample: Sendable {
        package var document: String
        package var page: Int
        package var imageSHA256: String
        /// The source file's name.
        package var file: String
    }

    package var id: String
    package var batch: String
    package var number: Int
    package var seed: String
    package var ratePercent: Double?
    package var count: Int?
    package var population: Int
    package var acceptance: Int
    package var drawnBy: String
    package var drawnAt: String
    package var pages: [Sample]
}

/// One check of a sampled page as stored.
package struct QualityLedgerCheck: Sendable {
    package var round: String
    package var document: String
    package var page: Int
    package var imageSHA256: String
    /// `ok` or `defect`.
    package var verdict: String
    package var defect: String?
    package var note: String?
    package var checkedBy: String
    package var checkedAt: String
}

/// The release of a batch's paper as stored.
package struct QualityLedgerRelease: Sendable {
    package var batch: String
    package var releasedBy: String
    package var releasedAt: String
    package var reason: String?
}

/// A batch's sample checks as stored.
package struct QualityLedgerState: Sendable {
    package var rounds: [QualityLedgerRound]
    package var checks: [QualityLedgerCheck]
    package var release: QualityLedgerRelease?
}
