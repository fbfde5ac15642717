import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The XMP metadata packet of a record's PDF/A-2b: the PDF/A identification (part 2, conformance B),
/// Dublin Core, XMP basic and Adobe PDF properties equal to the document information dictionary,
/// and scanctl's record properties in their own namespace, which a PDF/A extension schema in the
/// same packet declares (PDF/A allows no undeclared schema). Built with FoundationXML, which
/// escapes; the xpacket wrapper is fixed text.
enum XMPPacket {
    static let recordNamespace = "urn:scanctl:xmp:record:1.0#"

    static let namespaces = [
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
        "dc": "http://purl.org/dc/elements/1.1/",
        "xmp": "http://ns.adobe.com/xap/1.0/",
        "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
        "pdf": "http://ns.adobe.com/pdf/1.3/",
        "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
        "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
        "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
        "scanctl": recordNamespace,
    ]

    /// scanctl's properties: name, XMP value type, description (for the extension schema).
    static let recordProperties: [(name: String, type: String, description: String)] = [
        ("record", "Text", "Record id (UUID) in the scanctl workspace"),
        ("batch", "Text", "Scan batch the record came from"),
        ("state", "Text", "filed (automatically) or needs-review"),
        ("planCode", "Text", "Aktenplan code the record is filed under"),
        ("planTitle", "Text", "Title of that Aktenplan node"),
        ("planVersion", "Text", "Version of the Aktenplan used"),
        ("aktenzeichen", "bag Text", "File references (Aktenzeichen) found on the document"),
        ("schutzbedarf", "Text", "Protection need: normal, hoch or sehr-hoch"),
        ("sourceFile", "Text", "Name of the scanned source file"),
        ("sourceSHA256", "Text", "SHA-256 of the scanned source file"),
    ]

    static func data(for description: ArchivalPDFDescription) -> Data {
        let meta = XMLElement(name: "x:xmpmeta")
        meta.addNamespace(XMLNode.namespace(withName: "x", stringValue: "adobe:ns:meta/") as! XMLNode)
        let rdf = XMLElement(name: "rdf:RDF")
        for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) {
            rdf.addNamespace(XMLNode.namespace(withName: prefix, stringValue: uri) as! XMLNode)
        }
        meta.addChild(rdf)
        for properties in sections(of: description) {
            let section = XMLElement(name: "rdf:Description")
            section.addAttribute(XMLNode.attribute(withName: "rdf:about", stringValue: "") as! XMLNode)
            for property in properties { section.addChild(property) }
            rdf.addChild(section)
        }
        let document = XMLDocument(rootElement: meta)
        document.characterEncoding = "UTF-8"
        let body = meta.xmlString(options: [.nodePrettyPrint])
        // The header's begin attribute is a byte order mark, as the XMP specification wants.
        let packet = "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\(body)\n<?xpacket end=\"r\"?>"
        return Data(packet.utf8)
    }

    private static func sections(of description: ArchivalPDFDescription) -> [[XMLElement]] {
        let record = description.properties
        var dublinCore = [text("dc:format", "application/pdf"), alternative("dc:title", description.title)]
        if let subject = description.subject { dublinCore.append(alternative("dc:description", subject)) }
        var pdf = [text("pdf:Producer", description.producer)]
        if let keywords = description.keywords { pdf.append(text("pdf:Keywords", keywords)) }
        var own = [text("scanctl:record", record.record), text("scanctl:batch", record.batch),
                   text("scanctl:state", record.state)]
        if let code = record.planCode { own.append(text("scanctl:planCode", code)) }
        if let title = record.planTitle { own.append(text("scanctl:planTitle", title)) }
        own.append(text("scanctl:planVersion", record.planVersion))
        if !record.aktenzeichen.isEmpty {
            own.append(container("scanctl:aktenzeichen", "rdf:Bag", record.aktenzeichen.map { text("rdf:li", $0) }))
        }
        own += [text("scanctl:schutzbedarf", record.schutzbedarf), text("scanctl:sourceFile", record.sourceFile),
                text("scanctl:sourceSHA256", record.sourceSHA256)]
        return [
            [text("pdfaid:part", "2"), text("pdfaid:conformance", "B")],
            dublinCore,
            [text("xmp:CreateDate", ArchivalPDFDescription.xmpDate(description.created)),
             text("xmp:ModifyDate", ArchivalPDFDescription.xmpDate(description.modified)),
             text("xmp:MetadataDate", ArchivalPDFDescription.xmpDate(description.modified)),
             text("xmp:CreatorTool", description.creatorTool)],
            [text("xmpMM:DocumentID", "uuid:\(record.record)")],
            pdf,
            [extensionSchema()],
            own,
        ]
    }

    /// The PDF/A extension schema declaring every scanctl property, so validators accept them.
    private static func extensionSchema() -> XMLElement {
        let properties = recordProperties.map { property in
            resource([text("pdfaProperty:name", property.name), text("pdfaProperty:valueType", property.type),
                      text("pdfaProperty:category", "external"), text("pdfaProperty:description", property.description)])
        }
        let schema = resource([
            text("pdfaSchema:schema", "scanctl record"),
            text("pdfaSchema:namespaceURI", recordNamespace),
            text("pdfaSchema:prefix", "scanctl"),
            container("pdfaSchema:property", "rdf:Seq", properties),
        ])
        return container("pdfaExtension:schemas", "rdf:Bag", [schema])
    }

    private static func text(_ name: String, _ value: String) -> XMLElement {
        XMLElement(name: name, stringValue: value)
    }

    /// A language alternative with one default entry, as dc:title and dc:description are typed.
    private static func alternative(_ name: String, _ value: String) -> XMLElement {
        let item = text("rdf:li", value)
        item.addAttribute(XMLNode.attribute(withName: "xml:lang", stringValue: "x-default") as! XMLNode)
        return container(name, "rdf:Alt", [item])
    }

    private static func container(_ name: String, _ kind: String, _ items: [XMLElement]) -> XMLElement {
        let list = XMLElement(name: kind)
        for item in items { list.addChild(item) }
        let element = XMLElement(name: name)
        element.addChild(list)
        return element
    }

    /// `<rdf:li rdf:parseType="Resource">`: a structure as one list item.
    private static func resource(_ fields: [XMLElement]) -> XMLElement {
        let item = XMLElement(name: "rdf:li")
        item.addAttribute(XMLNode.attribute(withName: "rdf:parseType", stringValue: "Resource") as! XMLNode)
        for field in fields { item.addChild(field) }
        return item
    }
}
