/// The transfer note for a scanned batch (BSI TR-03138 "TR-RESISCAN"): who scanned, when, with
/// which profile and software, what came out (documents, pages, blank pages left out), what went
/// wrong, the result of the automatic quality checks, and the SHA-256 of every page image, so that
/// each record can be traced to the scan it came from. It also names the audit trail's last event
/// when it was written: sealed, that pins the trail as it stood.
public struct Transfervermerk: Sendable, Codable, Equatable {
    public struct Counts: Sendable, Codable, Equatable {
        public var documents: Int
        public var filed: Int
        public var needsReview: Int
        public var quarantined: Int
        public var pages: Int
        public var blankPagesLeftOut: Int
        /// Separator sheets between the documents (in the audit, not in the records).
        public var separatorSheets: Int?
        /// Pages flagged for rescan by the quality gate.
        public var flaggedForRescan: Int?
        /// Documents discarded in review as nicht aktenrelevant; absent while there are none, so
        /// that notes written before discards existed read (and hash) as they did.
        public var discarded: Int? = nil
    }

    public struct PageImage: Sendable, Codable, Equatable {
        public var document: String
        public var page: Int
        public var sha256: String
        public var blank: Bool
        public var meanConfidence: Double?
        public var separator: Bool?
        /// Why the page is flagged for rescan; nil when it passed.
        public var rescan: [String]?
        /// The file the page was scanned into (its name; for an Akte, its name in the Akte's
        /// folder) and its page there: how people find the sheet (nil in notes before version 2).
        public var file: String?
        public var filePage: Int?
        /// Resolution and colours as scanned.
        public var resolution: Int?
        public var colours: String?
    }

    /// One document (an Akte, a letter) of the batch and what became of it.
    public struct Document: Sendable, Codable, Equatable {
        public var document: String
        /// The file (or Akte folder) it came from, by name.
        public var file: String
        public var aktenzeichen: String?
        public var title: String?
        public var pages: Int
        /// `filed`, `needs-review`, `quarantined`, …: a quarantined document has no record.
        public var state: String
        public var planCode: String?
        public var record: Bool
    }

    /// How the pages were captured, as the files and their pages say.
    public struct Capture: Sendable, Codable, Equatable {
        public struct Count: Sendable, Codable, Equatable {
            public var value: String
            public var pages: Int
        }
        /// The scanners the files name in their metadata (TIFF Make/Model/Software, PDF
        /// Creator/Producer); empty when none does.
        public var devices: [String]
        /// `300 dpi`: pages.
        public var resolutions: [Count]
        /// `bilevel`, `grey`, `colour`: pages.
        public var colours: [Count]
        public var languages: String?
        public var engine: String?
    }

    public struct SourceFile: Sendable, Codable, Equatable {
        public var path: String
        public var sha256: String
        public var size: Int
        /// For an Akte of a delivery (whose SHA-256 above is its identity): each of its files.
        public var files: [SourceFile]?

        package init(path: String, sha256: String, size: Int, files: [SourceFile]? = nil) {
            self.path = path
            self.sha256 = sha256
            self.size = size
            self.files = files
        }
    }

    /// Something a person should look at: a quarantined file, an unreadable page.
    public struct Anomaly: Sendable, Codable, Equatable {
        public var kind: String
        public var subject: String
        public var detail: String
        /// The file and page, where the anomaly is a page's (nil in notes before version 2).
        public var file: String?
        public var page: Int?
        /// For an input not processed: why, as ``SkippedInput/Code`` (rendered in German by it).
        public var code: String?
        /// For a page delivered twice: where the same image is first.
        public var sameAsFile: String?
        public var sameAsPage: Int?
    }

    public struct QualityCheck: Sendable, Codable, Equatable {
        public struct Check: Sendable, Codable, Equatable {
            /// In English; ``id`` names it for the German rendering.
            public var check: String
            public var passed: Bool
            /// A stable name (nil in notes before version 2).
            public var id: String?
            /// The figures the check compared (the sheet reconciliation: scanned, in documents, in
            /// quarantined files), for its rendering in German.
            public var figures: [Int]?
        }
        /// `passed` when every check passed, else `anomalies` (each one listed).
        public var result: String
        public var checks: [Check]
    }

    public struct AuditHead: Sendable, Codable, Equatable {
        public var sequence: Int64
        public var hash: String
    }

    public var format = "scanctl-transfervermerk"
    /// 2: files and pages by name, documents, capture; German text.
    public var formatVersion = 2
    public var batch: String
    public var operatorName: String
    public var profile: String
    public var schutzbedarf: String
    public var openedAt: String
    public var closedAt: String?
    public var software: [String: String]
    public var planVersion: String
    public var counts: Counts
    public var qualityCheck: QualityCheck
    public var anomalies: [Anomaly]
    public var sourceFiles: [SourceFile]
    /// Entries of the inputs that were not processed, each with its reason (nil in notes written
    /// before scanctl named them).
    public var skippedInputs: [SkippedInput]?
    public var pageImages: [PageImage]
    /// The batch's documents (nil in notes before version 2).
    public var documents: [Document]?
    public var capture: Capture?
    public var auditHead: AuditHead

    /// The mean OCR confidence below which a page is listed as an anomaly.
    static let lowConfidence = 60.0
}
