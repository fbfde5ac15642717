/// A batch as sample checks see it: its documents and whether its run finished.
package struct QualityLedgerBatch: Sendable {
    package struct Document: Sendable {
        package var id: String
        package var state: DocumentState
        /// The source file's path as ingested.
        package var file: String

        package init(id: String, state: DocumentState, file: String) {
            self.id = id
            self.state = state
            self.file = file
        }
    }

    package var id: String
    package var closed: Bool
    package var documents: [Document]
    /// Inputs of the batch that became no document: skipped (a link out of the delivery, a FIFO,
    /// a manifest row naming nothing, …; not checksum lists) or quarantined before they had a hash
    /// (an Akte with a file that could not be read). Their paper is not covered by a release.
    package var unprocessed: [QualityReport.Unprocessed] = []

    package init(id: String, closed: Bool, documents: [Document], unprocessed: [QualityReport.Unprocessed] = []) {
        self.id = id
        self.closed = closed
        self.documents = documents
        self.unprocessed = unprocessed
    }
}

/// One sample round as stored.
package struct QualityLedgerRound: Sendable {
    package struct Sample: Sendable {
        package var document: String
        package var page: Int
        package var imageSHA256: String
        /// The source file's name.
        package var file: String

        package init(document: String, page: Int, imageSHA256: String, file: String) {
            self.document = document
            self.page = page
            self.imageSHA256 = imageSHA256
            self.file = file
        }
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

    package init(id: String, batch: String, number: Int, seed: String, ratePercent: Double? = nil, count: Int? = nil,
                 population: Int, acceptance: Int, drawnBy: String, drawnAt: String, pages: [Sample]) {
        self.id = id
        self.batch = batch
        self.number = number
        self.seed = seed
        self.ratePercent = ratePercent
        self.count = count
        self.population = population
        self.acceptance = acceptance
        self.drawnBy = drawnBy
        self.drawnAt = drawnAt
        self.pages = pages
    }
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

    package init(round: String, document: String, page: Int, imageSHA256: String, verdict: String, defect: String? = nil,
                 note: String? = nil, checkedBy: String, checkedAt: String) {
        self.round = round
        self.document = document
        self.page = page
        self.imageSHA256 = imageSHA256
        self.verdict = verdict
        self.defect = defect
        self.note = note
        self.checkedBy = checkedBy
        self.checkedAt = checkedAt
    }
}

/// The release of a batch's paper as stored.
package struct QualityLedgerRelease: Sendable {
    package var batch: String
    package var releasedBy: String
    package var releasedAt: String
    package var reason: String?

    package init(batch: String, releasedBy: String, releasedAt: String, reason: String? = nil) {
        self.batch = batch
        self.releasedBy = releasedBy
        self.releasedAt = releasedAt
        self.reason = reason
    }
}

/// A batch's sample checks as stored.
package struct QualityLedgerState: Sendable {
    package var rounds: [QualityLedgerRound]
    package var checks: [QualityLedgerCheck]
    package var release: QualityLedgerRelease?

    package init(rounds: [QualityLedgerRound], checks: [QualityLedgerCheck], release: QualityLedgerRelease? = nil) {
        self.rounds = rounds
        self.checks = checks
        self.release = release
    }
}
