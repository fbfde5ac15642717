import FilePlan
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The records of an xdomea message as Schriftgutobjekte, shared by the Abgabe (0401), the
/// Anbieteverzeichnis (0501) and the Aussonderung (0503): one Akte per plan node the records are
/// filed under (Kennzeichen and title from the plan, retention, Aussonderungsart and, for an
/// Aussonderung, the Bewertungsvorschlag as ArchivspezifischeMetadaten) holding the records as
/// Dokumente, each with its history as readable German text (``XdomeaHistoryText``) and, where the
/// files travel with the message, its PDF as the Primaerdokument. A record without a plan node is
/// its own Schriftgutobjekt. Built with FoundationXML (libxml2), which escapes.
struct XdomeaSchriftgut {
    static let namespace = "urn:xoev-de:xdomea:schema:3.0.0"

    let records: [ExportableRecord]
    /// The Akte's id for a plan code: stable within the message's process, so that the archive's
    /// Bewertung (0502) and the Aussonderung (0503) name the same Akte the Anbieteverzeichnis did.
    let akteID: (String) -> String
    /// Whether the records' PDFs travel with the message (0401, 0503) or are only listed (0501).
    let withFiles: Bool
    /// Whether Akten carry a Bewertungsvorschlag (A: archivwürdig) for the archive (0501, 0503).
    let proposesAppraisal: Bool

    /// The Akte a record belongs to in a message: an Akte of a delivery is its own, by its
    /// Aktenzeichen; any other record goes into the Akte of its plan node; nil: filed nowhere.
    static func akteKey(of metadata: RecordMetadata) -> String? {
        metadata.akte?.aktenzeichen.map { "\(akteKeyPrefix)\($0)" } ?? metadata.plan.code
    }

    /// Marks a key as an Aktenzeichen, never to be taken for a plan code.
    static let akteKeyPrefix = "az:"

    /// The Akten of the records (by ``akteKey(of:)``), each with the indexes of its records, and the records filed nowhere.
    var grouping: (byCode: [(code: String, members: [Int])], loose: [Int]) {
        var byCode: [String: [Int]] = [:]
        var loose: [Int] = []
        for (index, record) in records.enumerated() {
            if let key = Self.akteKey(of: record.metadata) { byCode[key, default: []].append(index) } else { loose.append(index) }
        }
        return (byCode.keys.sorted().map { ($0, byCode[$0] ?? []) }, loose)
    }

    /// `<xdomea:Schriftgutobjekt>` elements, Akten first (by plan code), then loose records.
    func objects() -> [XMLElement] {
        let (byCode, loose) = grouping
        return byCode.map { Self.element("Schriftgutobjekt", [akte(code: $0.code, members: $0.members)]) }
            + loose.map { Self.element("Schriftgutobjekt", [dokument($0, number: nil)]) }
    }

    /// The message's root element with the xdomea namespace, its head and the given children.
    static func message(_ name: String, head: XMLElement, body: [XMLElement]) -> Data {
        let root = XMLElement(name: "xdomea:\(name)")
        root.addNamespace(XMLNode.namespace(withName: "xdomea", stringValue: namespace) as! XMLNode)
        root.addChild(head)
        for child in body { root.addChild(child) }
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return document.xmlData(options: [.nodePrettyPrint])
    }

    /// The head's common part (NkBasisType) followed by `flags` (`Importbestaetigung`, ... as 0/1).
    static func head(processID: String, type code: String, typeName: String, created: String, parties: XdomeaParties,
                     software: String, flags: [(String, Bool)]) -> XMLElement {
        element("Kopf", [
            element("ProzessID", text: processID),
            codeValue("Nachrichtentyp", list: "nachrichtentyp", version: "2.0", code: code, name: typeName),
            element("Erstellungszeitpunkt", text: created),
            element("Absender", [element("Institution", [element("Name", text: parties.sender)])]),
            element("Empfaenger", [element("Institution", [element("Name", text: parties.recipient)])]),
            element("SendendesSystem", [element("Produktname", text: "scanctl"), element("Version", text: software)]),
        ] + flags.map { element($0.0, text: $0.1 ? "1" : "0") })
    }

    private func akte(code key: String, members: [Int]) -> XMLElement {
        let metadata = records[members[0]].metadata
        // An Akte of a delivery: its Aktenzeichen and title, on paper (Medium 001), its Laufzeit.
        let delivered = metadata.akte.flatMap { akte in akte.aktenzeichen.map { (akte, $0) } }
        let planCode = metadata.plan.code ?? key
        let planTitle = metadata.plan.title ?? planCode
        var children = [
            Self.element("Identifikation", [Self.element("ID", text: akteID(key))]),
            Self.element("AllgemeineMetadaten", [
                Self.element("Betreff", text: delivered?.0.title ?? planTitle),
                Self.element("Kennzeichen", text: delivered?.1 ?? planCode),
                Self.confidentiality(members.map { records[$0].metadata.schutzbedarf }),
                Self.codeValue("Medium", list: "medium", version: "1.0", code: "001", name: nil),
                Self.element("Aktenplaneinheit", [Self.element("Kennzeichen", text: planCode), Self.element("Inhaltsangabe", text: planTitle)]),
            ]),
        ]
        if let end = metadata.retentionEnd {
            var archival: [XMLElement] = []
            switch end.retention {
            case .years(let years): archival.append(Self.element("Aufbewahrungsdauer", [Self.element("AnzahlJahre", text: String(years))]))
            case .permanent: archival.append(Self.element("Aufbewahrungsdauer", [Self.element("Unbefristet", text: "1")]))
            }
            archival.append(Self.element("Aussonderungsart", [Self.codeValue("Aussonderungsart", list: "aussonderungsart", version: "1.0",
                                                                        code: end.disposal.rawValue, name: nil)]))
            // The code list has A and V only: a B Akte is the archive's to judge, without a proposal.
            if proposesAppraisal && end.disposal == .archive {
                archival.append(Self.codeValue("Bewertungsvorschlag", list: "bewertungsvorschlag", version: "1.0", code: "A", name: nil))
            }
            let ends = members.compactMap { Workspace.retentionEndDate(of: records[$0].metadata) }
            if let date = ends.max() ?? end.date { archival.append(Self.element("Aufbewahrungsende", text: date.description)) }
            children.append(Self.element("ArchivspezifischeMetadaten", archival))
        }
        if let akte = delivered?.0 {
            let span = [("Beginn", akte.laufzeitVon.flatMap { DeliveryAkte.date($0, yearStart: true) }),
                        ("Ende", akte.laufzeitBis.flatMap { DeliveryAkte.date($0) })].compactMap { name, date in
                date.map { Self.element(name, text: $0.description) }
            }
            if !span.isEmpty { children.append(Self.element("Laufzeit", span)) }
        }
        children.append(Self.element("Akteninhalt", members.enumerated().map { dokument($1, number: $0 + 1) }))
        return Self.element("Akte", children)
    }

    private func dokument(_ index: Int, number: Int?) -> XMLElement {
        let record = records[index]
        let metadata = record.metadata
        var identification = [Self.element("ID", text: record.id)]
        if let number { identification.append(Self.element("NummerImUebergeordnetenContainer", text: String(number))) }
        var general = [Self.element("Betreff", text: metadata.title)]
        if let reference = metadata.aktenzeichen.first { general.append(Self.element("Kennzeichen", text: reference)) }
        general.append(Self.confidentiality([metadata.schutzbedarf]))
        general.append(Self.codeValue("Medium", list: "medium", version: "1.0", code: "001", name: nil))
        var children = [Self.element("Identifikation", identification), Self.element("AllgemeineMetadaten", general),
                        Self.element("Posteingangsdatum", text: String(metadata.createdAt.prefix(10)))]
        // Earlier exports are not part of the record's history: listing them would change the
        // message each time it is written, and the receiving archive gets this one.
        children += XdomeaHistoryText.entries(for: record.history.filter { $0.knownAction != .recordExported }).map(history)
        guard withFiles else { return Self.element("Dokument", children) }
        // Dateiformat 044 is PDF/A; records written before scanctl made PDF/A are plain PDF (018).
        let archival = metadata.pdfFormat == ArchivalPDFWriter.format
        let format = Self.element("Format", [
            Self.codeValue("Name", list: "dateiformat", version: "1.0", code: archival ? "044" : "018", name: nil),
            Self.element("Version", text: archival ? ArchivalPDFWriter.format : XdomeaAbgabeMessage.pdfVersion(record.pdf)),
            Self.element("Primaerdokument", [
                Self.element("Dateiname", text: "\(record.id).pdf"),
                Self.element("DateinameOriginal", text: XdomeaAbgabeMessage.fileName(metadata.source.path)),
                Self.element("Ersteller", text: "scanctl \(metadata.software.scanctl)"),
                Self.element("DatumUhrzeit", text: metadata.createdAt),
            ]),
        ])
        children.append(Self.element("Version", [Self.element("Nummer", text: "1"), format]))
        return Self.element("Dokument", children)
    }

    /// One history entry: what changed from what to what, who, when, and the readable text.
    private func history(_ entry: XdomeaHistoryText.Entry) -> XMLElement {
        var children: [XMLElement] = []
        if let name = entry.field { children.append(Self.element("MetadatumName", text: name)) }
        if let old = entry.oldValue { children.append(Self.element("MetadatumAlterWert", text: old)) }
        if let new = entry.newValue { children.append(Self.element("MetadatumNeuerWert", text: new)) }
        children += [Self.element("Akteur", text: entry.actor), Self.element("DatumUhrzeit", text: entry.time)]
        if let remark = entry.remark { children.append(Self.element("Bemerkung", text: remark)) }
        children.append(Self.element("Aktion", text: entry.action))
        return Self.element("HistorienProtokollInformation", children)
    }

    /// Schutzbedarf as Vertraulichkeitsstufe: normal 003 (offen), hoch 002 (nur für den Dienstgebrauch),
    /// sehr hoch 005 (vertraulich); the highest of the records wins.
    static func confidentiality(_ levels: [String]) -> XMLElement {
        let code = levels.contains("sehr-hoch") ? "005" : levels.contains("hoch") ? "002" : "003"
        return codeValue("Vertraulichkeitsstufe", list: "vertraulichkeitsstufe", version: "1.0", code: code, name: nil)
    }

    static func element(_ name: String, _ children: [XMLElement] = [], text: String? = nil) -> XMLElement {
        let node = XMLElement(name: "xdomea:\(name)")
        if let text { node.stringValue = XMLText.safe(text) }
        for child in children { node.addChild(child) }
        return node
    }

    /// A code list value: `<xdomea:X listURI=… listVersionID=…><code>…</code></xdomea:X>`.
    static func codeValue(_ name: String, list: String, version: String, code: String, name description: String?) -> XMLElement {
        let node = element(name)
        node.addAttribute(XMLNode.attribute(withName: "listURI", stringValue: "urn:xoev-de:xdomea:codeliste:\(list)") as! XMLNode)
        node.addAttribute(XMLNode.attribute(withName: "listVersionID", stringValue: version) as! XMLNode)
        node.addChild(XMLElement(name: "code", stringValue: code))
        if let description { node.addChild(XMLElement(name: "name", stringValue: description)) }
        return node
    }
}
