import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A message the archive sends back in an Aussonderung, read with FoundationXML (libxml2): the
/// Bewertungsverzeichnis (0502: archivwürdig or kassabel per Schriftgutobjekt) or a receipt (0504,
/// 0505, 0507: the archive received a message; 0506: the import per Schriftgutobjekt, with the
/// archive's id or its error). Given as the ZIP the archive sent or as its XML.
struct XdomeaIncomingMessage: Sendable {
    struct Evaluation: Sendable, Equatable {
        var object: String
        /// A, B or V as the archive wrote it (only A and V are decisions).
        var code: String
    }

    struct Imported: Sendable, Equatable {
        var object: String
        var success: Bool
        var error: String?
        var archiveID: String?
    }

    /// The message's XML, as read (what schema validation checks and the events hash).
    var xml: Data
    /// The file it came from, by name.
    var fileName: String
    var process: String
    /// `0502`, `0504` … from the head's Nachrichtentyp.
    var type: String
    var evaluations: [Evaluation] = []
    var imported: [Imported] = []

    /// Reads `url`: a ZIP (its one `.xml` entry) or an XML file. Errors name the file.
    static func read(_ url: URL) throws -> XdomeaIncomingMessage {
        func fail(_ reason: String) -> ScanPipelineError { ScanPipelineError(.aussonderung, path: url.path, reason) }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw fail("cannot be read") }
        var xml = data
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let archive: Archive
            do { archive = try Archive(data: data, accessMode: .read) } catch { throw fail("is not a readable ZIP: \(error)") }
            guard let entry = archive.first(where: { $0.path.hasSuffix(".xml") }) else { throw fail("the ZIP holds no xdomea XML") }
            xml = Data()
            do { _ = try archive.extract(entry) { xml.append($0) } } catch { throw fail("the ZIP's \(entry.path) cannot be read: \(error)") }
        }
        // An xdomea message has no DTD: one is refused before parsing, and no external entity is
        // ever loaded (a DOCTYPE could read local files into the message or expand without end).
        if xml.range(of: Data("<!DOCTYPE".utf8)) != nil || xml.range(of: Data("<!doctype".utf8)) != nil
            || xml.range(of: Data("<!ENTITY".utf8)) != nil {
            throw fail("declares a DOCTYPE or entities, which no xdomea message has: refused")
        }
        let document: XMLDocument
        do { document = try XMLDocument(data: xml, options: [.nodeLoadExternalEntitiesNever]) } catch {
            throw fail("is not XML: \(error.localizedDescription)")
        }
        guard let root = document.rootElement(), root.uri == XdomeaSchriftgut.namespace else {
            throw fail("is not an xdomea 3.0.0 message")
        }
        guard let head = root.child("Kopf"), let process = head.child("ProzessID")?.stringValue,
              let type = head.child("Nachrichtentyp")?.child("code", namespaced: false)?.stringValue else {
            throw fail("has no Kopf with ProzessID and Nachrichtentyp")
        }
        var message = XdomeaIncomingMessage(xml: xml, fileName: url.lastPathComponent, process: process.trimmed, type: type.trimmed)
        for object in root.children("BewertetesObjekt") {
            guard let id = object.child("ID")?.stringValue,
                  let code = object.child("Aussonderungsart")?.child("Aussonderungsart")?.child("code", namespaced: false)?.stringValue
            else { throw fail("a BewertetesObjekt has no ID or Aussonderungsart code") }
            message.evaluations.append(Evaluation(object: id.trimmed, code: code.trimmed))
        }
        for object in root.children("AusgesondertesSGO") {
            guard let id = object.child("IDSGO")?.stringValue, let success = object.child("Erfolgreich")?.stringValue else {
                throw fail("an AusgesondertesSGO has no IDSGO or Erfolgreich")
            }
            message.imported.append(Imported(object: id.trimmed, success: ["1", "true"].contains(success.trimmed),
                                             error: object.child("Fehlermeldung")?.stringValue?.trimmed,
                                             archiveID: object.child("Archivkennung")?.stringValue?.trimmed))
        }
        return message
    }
}

extension XMLElement {
    /// The child elements named `localName` in the xdomea namespace (or in none, for code lists' `code`).
    fileprivate func children(_ localName: String, namespaced: Bool = true) -> [XMLElement] {
        (children ?? []).compactMap { $0 as? XMLElement }.filter {
            $0.localName == localName && (namespaced ? $0.uri == XdomeaSchriftgut.namespace : ($0.uri ?? "").isEmpty)
        }
    }

    fileprivate func child(_ localName: String, namespaced: Bool = true) -> XMLElement? {
        children(localName, namespaced: namespaced).first
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
