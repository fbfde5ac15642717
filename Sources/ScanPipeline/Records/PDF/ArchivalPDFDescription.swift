import Foundation

/// What a record's PDF/A says about itself. Each value goes both into the document information
/// dictionary and into the XMP packet, identically, as PDF/A requires; values are cleaned of
/// characters XML cannot carry before either sees them.
struct ArchivalPDFDescription: Sendable, Equatable {
    /// Properties of scanctl's own XMP schema (declared in the packet's PDF/A extension schema).
    struct RecordProperties: Sendable, Equatable {
        var record: String
        var batch: String
        var state: String
        var planCode: String?
        var planTitle: String?
        var planVersion: String
        var aktenzeichen: [String]
        var schutzbedarf: String
        var sourceFile: String
        var sourceSHA256: String
    }

    var title: String
    /// The plan path ("6 Bauwesen / 63 Bauordnung / ..."): Info /Subject, dc:description.
    var subject: String?
    /// Plan code and Aktenzeichen: Info /Keywords, pdf:Keywords.
    var keywords: String?
    /// Info /Creator, xmp:CreatorTool.
    var creatorTool: String
    /// Info /Producer, pdf:Producer.
    var producer: String
    var created: Date
    /// When a review last changed the record; the creation time until then.
    var modified: Date
    var properties: RecordProperties

    init(title: String, subject: String?, keywords: String?, creatorTool: String, producer: String,
         created: Date, modified: Date? = nil, properties: RecordProperties) {
        self.title = XMLText.safe(title)
        self.subject = subject.map(XMLText.safe)
        self.keywords = keywords.map(XMLText.safe)
        self.creatorTool = XMLText.safe(creatorTool)
        self.producer = XMLText.safe(producer)
        // Whole seconds: both date forms carry seconds only, so they stay equal.
        self.created = Date(timeIntervalSince1970: created.timeIntervalSince1970.rounded(.down))
        self.modified = Date(timeIntervalSince1970: (modified ?? created).timeIntervalSince1970.rounded(.down))
        var properties = properties
        properties.aktenzeichen = properties.aktenzeichen.map(XMLText.safe)
        properties.planTitle = properties.planTitle.map(XMLText.safe)
        properties.sourceFile = XMLText.safe(properties.sourceFile)
        self.properties = properties
    }

    /// `D:20261201043521+00'00'`, the document information dictionary's date form, in UTC.
    static func pdfDate(_ date: Date) -> String {
        "D:" + utc("yyyyMMddHHmmss").string(from: date) + "+00'00'"
    }

    /// `2026-12-01T04:35:21+00:00`, the XMP date form of the same instant.
    static func xmpDate(_ date: Date) -> String {
        utc("yyyy-MM-dd'T'HH:mm:ss").string(from: date) + "+00:00"
    }

    private static func utc(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}

extension ArchivalPDFDescription {
    /// The description of a record from its metadata.
    init(record metadata: RecordMetadata, created: Date, modified: Date? = nil, qpdfVersion: String) {
        let keywords = ([metadata.plan.code].compactMap { $0 } + metadata.aktenzeichen).joined(separator: "; ")
        self.init(
            title: metadata.title,
            subject: metadata.plan.path.isEmpty ? nil : metadata.plan.path.joined(separator: " / "),
            keywords: keywords.isEmpty ? nil : keywords,
            creatorTool: "scanctl \(metadata.software.scanctl)",
            producer: "scanctl \(metadata.software.scanctl) (Tesseract \(metadata.software.tesseract), qpdf \(qpdfVersion))",
            created: created, modified: modified,
            properties: .init(
                record: metadata.record, batch: metadata.batch, state: metadata.state, planCode: metadata.plan.code,
                planTitle: metadata.plan.title, planVersion: metadata.plan.version, aktenzeichen: metadata.aktenzeichen,
                schutzbedarf: metadata.schutzbedarf, sourceFile: (metadata.source.path as NSString).lastPathComponent,
                sourceSHA256: metadata.source.sha256))
    }
}
