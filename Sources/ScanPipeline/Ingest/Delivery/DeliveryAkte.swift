public import FilePlan
import Foundation

/// One Akte of a contractor's delivery (Bestandsaktendigitalisierung): the files that are its
/// pages, in order, and what the delivery says of it (Aktenzeichen, title, Laufzeit). It becomes
/// one document, whatever the number of files: a folder of one-page TIFFs is one Akte.
public struct DeliveryAkte: Sendable, Equatable, Codable {
    /// Where the Akte's description comes from.
    public enum Origin: String, Sendable, Codable {
        /// The folder's name, read with the Aktenzeichen pattern.
        case folder
        /// A row of the contractor's CSV manifest.
        case manifest
    }

    /// The Akte's folder (or its one file), resolved, as shown and recorded.
    public var path: String
    /// The Aktenzeichen the delivery gives; it wins over anything read from the pages.
    public var aktenzeichen: String?
    public var title: String?
    /// Laufzeit (first and last date of the paper file), `YYYY-MM-DD` or `YYYY`, as delivered.
    public var laufzeitVon: String?
    public var laufzeitBis: String?
    /// Further columns of the manifest row, by their header.
    public var fields: [String: String]
    public var origin: Origin
    /// Its files, in page order.
    public var members: [DeliveryMember]
    /// Files in the Akte's folder that could not be read as it was walked (a link leading out of
    /// the delivery, a FIFO, a file above the size limit, a hidden scan), each with its reason:
    /// such an Akte is put aside whole, never filed short. Not recorded: an Akte that has any is
    /// quarantined at ingest.
    public var unreadable: [String] = []

    enum CodingKeys: String, CodingKey {
        case path, aktenzeichen, title, laufzeitVon, laufzeitBis, fields, origin, members
    }

    public init(path: String, aktenzeichen: String?, title: String?, laufzeitVon: String? = nil, laufzeitBis: String? = nil,
                fields: [String: String] = [:], origin: Origin, members: [DeliveryMember]) {
        self.path = path
        self.aktenzeichen = aktenzeichen
        self.title = title
        self.laufzeitVon = laufzeitVon
        self.laufzeitBis = laufzeitBis
        self.fields = fields
        self.origin = origin
        self.members = members
    }

    /// The Akte's pages: the pages of its members, one after the other.
    public var pageCount: Int { members.reduce(0) { $0 + ($1.pages ?? 0) } }

    /// The member holding Akte page `number` (1-based) and the page's index in that file.
    public func member(ofPage number: Int) -> (member: DeliveryMember, index: Int)? {
        var first = 1
        for member in members {
            let count = member.pages ?? 0
            if number < first + count { return (member, number - first) }
            first += count
        }
        return nil
    }

    /// The day the paper file was closed (zdA), from which its retention counts: the end of its
    /// Laufzeit, written `YYYY-MM-DD`, `DD.MM.YYYY` or `YYYY` (the year's last day).
    public var closedOn: PlanDate? { laufzeitBis.flatMap { Self.date($0) } }

    /// The Laufzeit's start, written as its end is: `YYYY` is the year's first day.
    public var openedOn: PlanDate? { laufzeitVon.flatMap { Self.date($0, yearStart: true) } }

    static func date(_ text: String, yearStart: Bool = false) -> PlanDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = PlanDate(trimmed) { return date }
        let german = trimmed.split(separator: ".")
        if german.count == 3, let day = Int(german[0]), let month = Int(german[1]), let year = Int(german[2]), german[2].count == 4 {
            return PlanDate(year: year, month: month, day: day)
        }
        if trimmed.count == 4, let year = Int(trimmed) { return yearStart ? PlanDate(year: year, month: 1, day: 1) : PlanDate(year: year, month: 12, day: 31) }
        return nil
    }

    /// The Akte's identity: the SHA-256 of its members' names and contents in order. The same
    /// delivery given again is the same Akte (a duplicate); a changed or added page makes another.
    var identity: String {
        let lines = members.map { "\($0.name)\t\($0.sha256 ?? "")" }.joined(separator: "\n")
        return Data(lines.utf8).sha256Hex
    }
}

/// One file of an Akte.
public struct DeliveryMember: Sendable, Equatable, Codable {
    /// The path inside the Akte's folder (`0001.tif`), as the Transfervermerk names pages.
    public var name: String
    /// Resolved, as shown and recorded.
    public var path: String
    /// The path it is opened by (an alias for a name that is not UTF-8); not recorded.
    public var openPath: String
    public var sha256: String?
    public var size: Int?
    public var format: String?
    public var pages: Int?

    public init(name: String, path: String, openPath: String? = nil) {
        self.name = name
        self.path = path
        self.openPath = openPath ?? path
    }

    enum CodingKeys: String, CodingKey { case name, path, sha256, size, format, pages }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        path = try container.decode(String.self, forKey: .path)
        openPath = path
        sha256 = try container.decodeIfPresent(String.self, forKey: .sha256)
        size = try container.decodeIfPresent(Int.self, forKey: .size)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        pages = try container.decodeIfPresent(Int.self, forKey: .pages)
    }
}
