public import FilePlan
import Foundation

/// `metadata.json` beside every record's PDF: what a DMS import and an auditor need to know.
public struct RecordMetadata: Sendable, Codable, Equatable {
    public struct Source: Sendable, Codable, Equatable {
        public var path: String
        public var sha256: String
        public var size: Int
        public var format: String?
    }

    public struct Page: Sendable, Codable, Equatable {
        public var number: Int
        public var imageSHA256: String
        public var blank: Bool
        /// Whether the page is in the record's PDF (blank pages and separator sheets are left out).
        public var inRecord: Bool
        /// A separator sheet that divided the source file (nil in records from before separation).
        public var separator: Bool?
        public var rotation: Int
        public var skew: Double
        public var meanConfidence: Double?
        /// Why the quality gate flagged the page for rescan; nil when it passed. A record filed
        /// with this set says so: the flag was not resolved by a rescan.
        public var rescan: [String]?
        /// For an Akte of a delivery: the file the page was scanned into (its name in the Akte's
        /// folder) and the page's number in that file.
        public var file: String?
        public var filePage: Int?
    }

    /// What the contractor's delivery says of the Akte this record is.
    public struct Akte: Sendable, Codable, Equatable {
        public var aktenzeichen: String?
        public var title: String?
        public var laufzeitVon: String?
        public var laufzeitBis: String?
        /// `folder` (from the folder's name) or `manifest` (a row of the manifest).
        public var origin: String
        /// Further columns of the manifest row.
        public var fields: [String: String]?
        /// Its files in page order.
        public var files: [String]
    }

    /// A page flagged for rescan, and what became of it: replaced by a rescan or accepted as it is.
    public struct Rescan: Sendable, Codable, Equatable {
        public struct Page: Sendable, Codable, Equatable {
            public var number: Int
            /// Why the page was flagged (the quality gate's findings).
            public var flags: [String]
            public var oldImageSHA256: String
            /// The rescanned page's image; nil when it was accepted as it is.
            public var newImageSHA256: String?
            /// What the quality gate found on the rescanned page (empty: it passed).
            public var newFlags: [String]?
        }

        /// `replaced` or `accepted`.
        public var kind: String
        public var time: String
        public var by: String
        public var reason: String?
        /// The file the new pages came from (its name and SHA-256).
        public var file: String?
        public var fileSHA256: String?
        public var pages: [Page]
    }

    public struct PlanPlacement: Sendable, Codable, Equatable {
        public var id: String
        public var version: String
        public var code: String?
        public var title: String?
        /// From the main group down to the node: "6 Bauwesen", "63 Bauordnung", ...
        public var path: [String]
    }

    public struct Software: Sendable, Codable, Equatable {
        public var scanctl: String
        public var tesseract: String
        public var languages: String
        /// The qpdf that assembled the PDF/A (absent in records written before PDF/A).
        public var qpdf: String?
    }

    /// The latest review that confirmed or changed where the record is filed.
    public struct Review: Sendable, Codable, Equatable {
        /// `accepted` (the classifier's placement or suggestion confirmed) or `reclassified`.
        public var decision: String
        public var previousCode: String?
        public var code: String
        public var reviewer: String
        /// The second reviewer, where four eyes were required.
        public var approvedBy: String?
        public var reason: String?
        public var time: String
    }

    public var record: String
    public var batch: String
    public var createdAt: String
    /// `filed` or `needs-review`.
    public var state: String
    public var source: Source
    public var pages: [Page]
    public var pagesInRecord: Int
    public var plan: PlanPlacement
    public var aktenzeichen: [String]
    /// "10 years" or "permanent", from the plan node (inherited where the node sets none).
    public var retention: String?
    /// A (archive), B (appraise) or V (destroy).
    public var disposal: String?
    /// Aufbewahrungsende: `open` while the file is not closed (zdA), then the last day of
    /// retention, or `permanent`; nil when the node sets no retention or disposal.
    public var retentionEnd: RetentionEnd?
    public var schutzbedarf: String
    public var classification: Classification
    public var pdf: String
    /// `PDF/A-2b`; absent in records written before scanctl made PDF/A (Tesseract's plain PDF).
    public var pdfFormat: String?
    public var pdfSHA256: String
    public var software: Software
    /// Nil until a records manager reviewed the record.
    public var review: Review?
    /// Every rescan of the record's flagged pages, oldest first; nil when there was none.
    public var rescans: [Rescan]?
    /// For an Akte of a delivery; nil for other records.
    public var akte: Akte?
}

extension RecordMetadata {
    /// The day the paper file was closed (zdA), from which retention counts: an Akte's Laufzeit
    /// end as its delivery gives it; nil for other records.
    public var closedOn: PlanDate? { akte?.laufzeitBis.flatMap { DeliveryAkte.date($0) } }

    /// "Plan title: source file name", or "Unclassified scan: …": the record's title in its PDF/A
    /// and its Betreff in xdomea. OCR text never makes the title: it is not reliable enough to name
    /// a record.
    public var title: String {
        if let akte, let title = akte.title { return [akte.aktenzeichen, title].compactMap { $0 }.joined(separator: " ") }
        return "\(plan.title ?? "Unclassified scan"): \((source.path as NSString).lastPathComponent)"
    }
}
