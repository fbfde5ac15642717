import Crypto
import FilePlan
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The XML of an Abgabe.Abgabe.0401 message (xdomea 3.0.0): the head, then one Akte per plan node
/// the records are filed under (Kennzeichen and title from the plan, retention and disposal as
/// ArchivspezifischeMetadaten) holding the records as Dokumente, each with its history (its audit
/// events as HistorienProtokollInformation) and its PDF as the Primaerdokument. A record without
/// a plan node is its own Schriftgutobjekt. Built with FoundationXML (libxml2), which escapes.
struct XdomeaAbgabeMessage {
    static let namespace = "urn:xoev-de:xdomea:schema:3.0.0"

    let records: [ExportableRecord]
    let pdfHashes: [String]
    let parties: XdomeaParties
    /// Derived from the records, so the same records give the same message.
    let processID: String
    /// The newest record's creation time, not the clock's: the same records give the same message.
    let created: String

    init(records: [ExportableRecord], pdfHashes: [String], parties: XdomeaParties) {
        self.records = records
        self.pdfHashes = pdfHashes
        self.parties = parties
        // Everything the message says, so that different content never reuses a process id: the
        // records' ids, PDFs, metadata files, newest history event, and the parties.
        let identity = zip(records, pdfHashes).map { record, pdf in
            // The bytes checked against the trail, not a second read of the file.
            let metadata = record.metadataData.sha256Hex
            let history = record.history.last { $0.knownAction != .recordExported }?.hash ?? "-"
            return "\(record.id):\(pdf):\(metadata):\(history)"
        }.joined(separator: "\n")
        processID = Self.nameUUID("xdomea-0401\n\(parties.sender)\n\(parties.recipient)\n\(identity)")
        created = records.map(\.metadata.createdAt).max() ?? "1970-01-01T00:00:00Z"
    }

    var createdDate: Date? {
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return (try? fractional.parse(created)) ?? (try? Date.ISO8601FormatStyle().parse(created))
    }

    func document() -> Data {
        let root = XMLElement(name: "xdomea:Abgabe.Abgabe.0401")
        root.addNamespace(XMLNode.namespace(withName: "xdomea", stringValue: Self.namespace) as! XMLNode)
        root.addChild(head())
        var byCode: [String: [Int]] = [:]
        var loose: [Int] = []
        for (index, record) in records.enumerated() {
            if let code = record.metadata.plan.code { byCode[code, default: []].append(index) } else { loose.append(index) }
        }
        for code in byCode.keys.sorted() {
            let members = byCode[code] ?? []
            let object = element("Schriftgutobjekt")
            object.addChild(akte(code: code, members: members))
            root.addChild(object)
        }
        for index in loose {
            let object = element("Schriftgutobjekt")
            object.addChild(dokument(index, number: nil))
            root.addChild(object)
        }
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return document.xmlData(options: [.nodePrettyPrint])
    }

    private func head() -> XMLElement {
        element("Kopf", [
            element("ProzessID", text: processID),
            codeValue("Nachrichtentyp", list: "nachrichtentyp", version: "2.0", code: "0401", name: "Abgabe.Abgabe"),
            element("Erstellungszeitpunkt", text: created),
            element("Absender", [element("Institution", [element("Name", text: parties.sender)])]),
            element("Empfaenger", [element("Institution", [element("Name", text: parties.recipient)])]),
            element("SendendesSystem", [element("Produktname", text: "scanctl"),
                                        element("Version", text: records.first?.metadata.software.scanctl ?? "")]),
            element("Importbestaetigung", text: "1"),
            element("Empfangsbestaetigung", text: "1"),
        ])
    }

    private func akte(code: String, members: [Int]) -> XMLElement {
        let metadata = records[members[0]].metadata
        let title = metadata.plan.title ?? code
        var children = [
            element("Identifikation", [element("ID", text: Self.nameUUID("akte\n\(processID)\n\(code)"))]),
            element("AllgemeineMetadaten", [
                element("Betreff", text: title),
                element("Kennzeichen", text: code),
                confidentiality(members.map { records[$0].metadata.schutzbedarf }),
                codeValue("Medium", list: "medium", version: "1.0", code: "001", name: nil),
                element("Aktenplaneinheit", [element("Kennzeichen", text: code), element("Inhaltsangabe", text: title)]),
            ]),
        ]
        if let end = metadata.retentionEnd {
            var archival: [XMLElement] = []
            switch end.retention {
            case .years(let years): archival.append(element("Aufbewahrungsdauer", [element("AnzahlJahre", text: String(years))]))
            case .permanent: archival.append(element("Aufbewahrungsdauer", [element("Unbefristet", text: "1")]))
            }
            archival.append(element("Aussonderungsart", [codeValue("Aussonderungsart", list: "aussonderungsart", version: "1.0",
                                                              code: end.disposal.rawValue, name: nil)]))
            if let date = end.date { archival.append(element("Aufbewahrungsende", text: date.description)) }
            children.append(element("ArchivspezifischeMetadaten", archival))
        }
        children.append(element("Akteninhalt", members.enumerated().map { dokument($1, number: $0 + 1) }))
        return element("Akte", children)
    }

    private func dokument(_ index: Int, number: Int?) -> XMLElement {
        let record = records[index]
        let metadata = record.metadata
        var identification = [element("ID", text: record.id)]
        if let number { identification.append(element("NummerImUebergeordnetenContainer", text: String(number))) }
        var general = [element("Betreff", text: metadata.title)]
        if let reference = metadata.aktenzeichen.first { general.append(element("Kennzeichen", text: reference)) }
        general.append(confidentiality([metadata.schutzbedarf]))
        general.append(codeValue("Medium", list: "medium", version: "1.0", code: "001", name: nil))
        var children = [element("Identifikation", identification), element("AllgemeineMetadaten", general),
                         element("Posteingangsdatum", text: String(metadata.createdAt.prefix(10)))]
        // Earlier exports are not part of the record's history: listing them would change the
        // message each time it is written, and the receiving archive gets this one.
        children += record.history.filter { $0.knownAction != .recordExported }.map(history)
        // Dateiformat 044 is PDF/A; records written before scanctl made PDF/A are plain PDF (018).
        let archival = metadata.pdfFormat == ArchivalPDFWriter.format
        let format = element("Format", [
            codeValue("Name", list: "dateiformat", version: "1.0", code: archival ? "044" : "018", name: nil),
            element("Version", text: archival ? ArchivalPDFWriter.format : Self.pdfVersion(record.pdf)),
            element("Primaerdokument", [
                element("Dateiname", text: "\(record.id).pdf"),
                element("DateinameOriginal", text: Self.fileName(metadata.source.path)),
                element("Ersteller", text: "scanctl \(metadata.software.scanctl)"),
                element("DatumUhrzeit", text: metadata.createdAt),
            ]),
        ])
        children.append(element("Version", [element("Nummer", text: "1"), format]))
        return element("Dokument", children)
    }

    /// One audit event as xdomea history: who, when, what, and the event's own record of it.
    private func history(_ event: AuditEvent) -> XMLElement {
        var children: [XMLElement] = []
        if event.knownAction == .documentClassified || event.knownAction == .documentReviewed {
            children.append(element("MetadatumName", text: "Aktenplaneinheit"))
        }
        let actor = event.actorVersion.map { "\(event.actorName) \($0)" } ?? event.actorName
        children += [element("Akteur", text: actor), element("DatumUhrzeit", text: event.time),
                     element("Bemerkung", text: "audit event \(event.sequence), hash \(event.hash): \(event.payload)"),
                     element("Aktion", text: event.action)]
        return element("HistorienProtokollInformation", children)
    }

    /// Schutzbedarf as Vertraulichkeitsstufe: normal 003 (offen), hoch 002 (nur für den Dienstgebrauch),
    /// sehr hoch 005 (vertraulich); the highest of the records wins.
    private func confidentiality(_ levels: [String]) -> XMLElement {
        let code = levels.contains("sehr-hoch") ? "005" : levels.contains("hoch") ? "002" : "003"
        return self.codeValue("Vertraulichkeitsstufe", list: "vertraulichkeitsstufe", version: "1.0", code: code, name: nil)
    }

    private func element(_ name: String, _ children: [XMLElement] = [], text: String? = nil) -> XMLElement {
        let node = XMLElement(name: "xdomea:\(name)")
        if let text { node.stringValue = XMLText.safe(text) }
        for child in children { node.addChild(child) }
        return node
    }

    /// A code list value: `<xdomea:X listURI=… listVersionID=…><code>…</code></xdomea:X>`.
    private func codeValue(_ name: String, list: String, version: String, code: String, name description: String?) -> XMLElement {
        let node = element(name)
        node.addAttribute(XMLNode.attribute(withName: "listURI", stringValue: "urn:xoev-de:xdomea:codeliste:\(list)") as! XMLNode)
        node.addAttribute(XMLNode.attribute(withName: "listVersionID", stringValue: version) as! XMLNode)
        node.addChild(XMLElement(name: "code", stringValue: code))
        if let description { node.addChild(XMLElement(name: "name", stringValue: description)) }
        return node
    }

    static func fileName(_ path: String) -> String { (path as NSString).lastPathComponent }

    /// `1.5` from the `%PDF-1.5` header; `1.4` when it cannot be read.
    static func pdfVersion(_ url: URL) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url), let head = try? handle.read(upToCount: 8),
              let text = String(data: head, encoding: .ascii), text.hasPrefix("%PDF-") else { return "1.4" }
        try? handle.close()
        return String(text.dropFirst(5).prefix(3))
    }

    /// A name-based UUID from SHA-256 (RFC 9562 version 8, custom): the same name, the same id.
    static func nameUUID(_ name: String) -> String {
        var bytes = Array(SHA256.hash(data: Data(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
