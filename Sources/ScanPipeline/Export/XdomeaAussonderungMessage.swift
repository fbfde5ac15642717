import Foundation
import ZIPFoundation

/// The messages scanctl sends in an Aussonderung (xdomea 3.0.0), all of one process (ProzessID):
/// the Anbieteverzeichnis (Aussonderung.Anbieteverzeichnis.0501) lists the due A and B records for
/// the archive to judge, A ones with the Bewertungsvorschlag archivwürdig; the Aussonderung
/// (Aussonderung.Aussonderung.0503) carries the records the archive judged archivwürdig with their
/// PDF/A files. Each is a ZIP as the standard names it, `<ProzessID>_<Nachrichtentyp>.zip`,
/// holding `<ProzessID>_<Nachrichtentyp>.xml` and, for a 0503, each record's PDF as `<UUID>.pdf`.
struct XdomeaAussonderungMessage {
    enum Kind: Sendable {
        case anbieteverzeichnis
        case aussonderung

        var code: String { self == .anbieteverzeichnis ? "0501" : "0503" }
        var typeName: String { self == .anbieteverzeichnis ? "Aussonderung.Anbieteverzeichnis" : "Aussonderung.Aussonderung" }
        var messageName: String { "\(typeName).\(code)" }
    }

    let kind: Kind
    let process: String
    let records: [ExportableRecord]
    let parties: XdomeaParties
    let created: String
    let software: String

    /// `<ProzessID>_Aussonderung.Anbieteverzeichnis.0501`.
    var name: String { "\(process)_\(kind.messageName)" }

    /// The Akte's id for its key (a plan code, or an Aktenzeichen of a delivery) in this process:
    /// the same in the 0501, the archive's 0502 and the 0503.
    static func akteID(process: String, code: String) -> String {
        XdomeaAbgabeMessage.nameUUID("aussonderung-akte\n\(process)\n\(code)")
    }

    /// The id of the Schriftgutobjekt that lists `record`: its Akte, or the record itself when it has no plan node.
    static func objectID(process: String, record: ExportableRecord) -> String {
        XdomeaSchriftgut.akteKey(of: record.metadata).map { akteID(process: process, code: $0) } ?? record.id
    }

    var schriftgut: XdomeaSchriftgut {
        let process = process
        return XdomeaSchriftgut(records: records.sorted { $0.id < $1.id }, akteID: { Self.akteID(process: process, code: $0) },
                                withFiles: kind == .aussonderung, proposesAppraisal: true)
    }

    func xml() -> Data {
        // 0501: the archive confirms receipt (0504); 0503: it confirms the import (0506, fixed) and receipt (0507).
        let flags: [(String, Bool)] = kind == .anbieteverzeichnis
            ? [("Empfangsbestaetigung", true)]
            : [("Importbestaetigung", true), ("RueckmeldungArchivkennung", true), ("Empfangsbestaetigung", true)]
        let head = XdomeaSchriftgut.head(processID: process, type: kind.code, typeName: kind.typeName, created: created, parties: parties,
                                         software: software, flags: flags)
        return XdomeaSchriftgut.message(kind.messageName, head: head, body: schriftgut.objects())
    }

    /// The ZIP: the XML and, for a 0503, the records' PDFs (the bytes checked against the trail).
    func zip(xml: Data) throws -> Data {
        let time = Date()
        do {
            let archive = try Archive(accessMode: .create)
            var entries = [("\(name).xml", xml)]
            if kind == .aussonderung { entries += records.sorted { $0.id < $1.id }.map { ("\($0.id).pdf", $0.pdfData) } }
            for (entry, data) in entries { try XdomeaExporter.add(data, named: entry, to: archive, time: time) }
            guard let data = archive.data else { throw ScanPipelineError(.aussonderung, "the \(kind.code) message cannot be packed") }
            return data
        } catch let error as ScanPipelineError {
            throw error
        } catch {
            throw ScanPipelineError(.aussonderung, "the \(kind.code) message cannot be packed: \(error)")
        }
    }
}
