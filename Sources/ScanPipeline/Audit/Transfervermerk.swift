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
    }

    public struct SourceFile: Sendable, Codable, Equatable {
        public var path: String
        public var sha256: String
        public var size: Int
    }

    /// Something a person should look at: a quarantined file, an unreadable page.
    public struct Anomaly: Sendable, Codable, Equatable {
        public var kind: String
        public var subject: String
        public var detail: String
    }

    public struct QualityCheck: Sendable, Codable, Equatable {
        public struct Check: Sendable, Codable, Equatable {
            public var check: String
            public var passed: Bool
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
    public var formatVersion = 1
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
    public var auditHead: AuditHead

    /// The mean OCR confidence below which a page is listed as an anomaly.
    static let lowConfidence = 60.0
}

extension Transfervermerk {
    /// The note for people, in the order a reviewer reads it. Every value from outside (file names,
    /// names typed by people, reasons) is escaped onto its line: a file name with a line break
    /// cannot add a line such as "Quality check: passed".
    public var text: String {
        let line = PlainText.line
        var lines = [
            "Transfervermerk (TR-RESISCAN) for batch \(batch)",
            "",
            "Scanned by:        \(line(operatorName))",
            "Scanner profile:   \(line(profile))",
            "Schutzbedarf:      \(line(schutzbedarf))",
            "Opened / closed:   \(openedAt) / \(closedAt ?? "not closed")",
            "Software:          " + line(software.keys.sorted().map { "\($0) \(software[$0] ?? "")" }.joined(separator: ", ")),
            "File plan:         \(line(planVersion))",
            "",
            "Documents:         \(counts.documents) (filed \(counts.filed), needs review \(counts.needsReview), quarantined \(counts.quarantined)"
                + (counts.discarded.map { ", discarded as nicht aktenrelevant \($0)" } ?? "") + ")",
            "Pages:             \(counts.pages), blank pages left out: \(counts.blankPagesLeftOut), separator sheets: "
                + "\(counts.separatorSheets ?? 0), flagged for rescan: \(counts.flaggedForRescan ?? 0)",
            "Quality check:     \(qualityCheck.result)",
        ]
        lines += qualityCheck.checks.map { "  [\($0.passed ? "x" : " ")] \(line($0.check))" }
        lines.append("Anomalies:         \(anomalies.isEmpty ? "none" : String(anomalies.count))")
        lines += anomalies.map { "  \(line($0.kind)): \(line($0.subject)): \(line($0.detail))" }
        lines.append("")
        lines.append("Source files (SHA-256):")
        lines += sourceFiles.map { "  \($0.sha256)  \(line($0.path))" }
        lines.append("Page images (SHA-256):")
        lines += pageImages.map { "  \($0.sha256)  \($0.document) page \($0.page)\($0.blank ? " (blank, left out)" : "")" }
        lines.append("")
        lines.append("Audit trail at writing: event \(auditHead.sequence), hash \(auditHead.hash)")
        return lines.joined(separator: "\n") + "\n"
    }
}
