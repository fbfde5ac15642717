/// Everything about a batch's sample checks (Stichprobe, TR-RESISCAN): the rounds with their seed,
/// rule and population, who drew them and when; every check of a page, named by file and page,
/// by whom, when, its verdict, defect kind and note; what is still open; the verdict with its
/// reason; and the release of the paper for destruction. What `scanctl qa status` prints and the
/// Transfervermerk renders. Times are UTC, as the audit trail writes them.
public struct QualityReport: Sendable, Codable, Equatable {
    /// A batch's state of acceptance (of the latest round).
    public enum Verdict: String, Sendable, Codable {
        /// No round drawn yet, or the latest round has pages not checked.
        case open
        /// The latest round is checked and found at most its acceptance number of defective pages.
        case passed
        /// The latest round found more defective pages than allowed: a new, larger round decides.
        case failed
    }

    /// What a check found.
    public enum Outcome: String, Sendable, Codable {
        /// The page matches its paper.
        case ok
        case defect
    }

    /// One page of the batch's records.
    public struct Page: Sendable, Codable, Equatable, Hashable {
        /// How the CLI and the workstation name the page: the document id's first 8 characters and
        /// the page number, `3fa2b1c0:2`.
        public var reference: String
        public var document: String
        /// The page's number in the document (as `scanctl rescan --page` takes it).
        public var page: Int
        /// The source file's name; for an Akte of a delivery, its folder and the file the page is in.
        public var file: String
        /// The page's number in ``file`` (for an Akte, in the file it was scanned into).
        public var filePage: Int? = nil
    }

    /// A visual comparison of a sampled page with its paper.
    public struct Check: Sendable, Codable, Equatable {
        public var page: Page
        /// The round the page was drawn in.
        public var round: Int
        /// The page image compared (its SHA-256 when it was checked: a rescan gives a new one).
        public var imageSHA256: String
        public var outcome: Outcome
        public var defect: QualityDefect?
        public var note: String?
        public var checkedBy: String
        public var checkedAt: String
        /// A later check of the same page replaced this one.
        public var superseded: Bool
    }

    /// A drawn page and its latest check (nil: not checked yet).
    public struct SampledPage: Sendable, Codable, Equatable {
        public var page: Page
        public var imageSHA256: String
        public var latest: Check?
        /// Found defective at any check of this round (counts against the round even once resolved).
        public var foundDefective: Bool
    }

    /// One sample round.
    public struct Round: Sendable, Codable, Equatable {
        public var number: Int
        public var id: String
        /// The generator's seed, as a decimal number: the same seed over the same population draws
        /// the same pages.
        public var seed: String
        /// The rate asked for, in percent (5 = 5 %), or nil when a count was asked for.
        public var ratePercent: Double?
        /// The count asked for, or nil when a rate was asked for.
        public var count: Int?
        /// The pages drawn from: the batch's record pages not drawn in an earlier round.
        public var population: Int
        /// n: the pages drawn.
        public var sampleSize: Int
        /// c: the round passes with at most this many defective pages.
        public var acceptance: Int
        /// Drawn after a failed round (tightened inspection: a larger sample).
        public var tightened: Bool
        public var drawnBy: String
        public var drawnAt: String
        public var pages: [SampledPage]
        public var checked: Int
        /// Pages of the round found defective (even if resolved later).
        public var defects: Int
        public var result: Verdict
    }

    /// A record page still flagged for rescan by the quality gate.
    public struct FlaggedPage: Sendable, Codable, Equatable {
        public var page: Page
        public var flags: [String]
    }

    /// An input of the batch that became no document (skipped, or put aside before it had a hash):
    /// its paper is not covered by the release.
    public struct Unprocessed: Sendable, Codable, Equatable {
        public var path: String
        public var reason: String

        package init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// The release of the batch's paper for destruction.
    public struct Release: Sendable, Codable, Equatable {
        public var by: String
        public var at: String
        public var reason: String?
    }

    public var batch: String
    /// Whether the batch's run finished (`batch.closed`).
    public var batchClosed: Bool
    /// The record pages of the batch (filed, in review or exported documents; blank pages kept in
    /// the record count).
    public var recordPages: Int
    public var rounds: [Round]
    /// Every check, in the order made.
    public var checks: [Check]
    /// Pages whose latest check found a defect.
    public var openDefects: [Check]
    /// Pages found defective and checked in order since.
    public var resolvedDefects: [Check]
    public var flaggedPages: [FlaggedPage]
    /// Source files of the batch in quarantine (in no record).
    public var quarantinedFiles: [String]
    /// Inputs that became no document: the release names them as excepted, since no record
    /// stands for their paper.
    public var unprocessed: [Unprocessed] = []
    /// Documents of the batch waiting in review (their placement, not their pages; no blocker).
    public var documentsInReview: Int
    public var verdict: Verdict
    /// The verdict in plain words.
    public var verdictReason: String
    /// What stands in the way of the release, in plain words; empty when it may be given.
    public var blockers: [String]
    public var release: Release?
    /// Whether the paper may be released for destruction now (not released yet, nothing in the way).
    public var mayRelease: Bool
}
