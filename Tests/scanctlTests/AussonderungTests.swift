import Foundation
import Testing
@testable import ScanPipeline
import TestSupport
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Retention and the Aussonderung end to end through the binary: records due by disposal code,
/// the 0501 and 0503 messages validating with xmllint against the xdomea 3.0.0 schemas, a 0502
/// written as the archive would read back, a 0506 archiving a record, V and kassabel records
/// disposed of with a Löschprotokoll, and the trail verifying afterwards.
@Suite("scanctl retention and export --target xdomea-aussonderung", .serialized)
struct AussonderungTests {
    static let schemas = XdomeaExportTests.schemas
    static let letters = ["01-bauantrag-nachreichung.tif", "03-hundesteuer-abmeldung.jpg", "04-baumfaellung-antrag.tif",
                          "08-strassenschaden.png"]
    /// After the retention of the 10-year records (filed now) has ended.
    static let later = "2040-01-01"

    struct Scene {
        let folder: TemporaryFolder
        let workspace: URL
        /// Record id by sample file name.
        let ids: [String: String]

        func scanctl(_ arguments: [String], as user: String? = "a.schmidt") throws -> ScanCtlProcess.Result {
            try ScanCtlProcess.run(arguments + ["--workspace", workspace.path] + (user.map { ["--as", $0] } ?? []), input: TestUsers.input)
        }

        func id(_ letter: String) throws -> String { try #require(ids[letter], "\(letter) has no record") }

        func recordFolder(_ letter: String) throws -> URL { workspace.appendingPathComponent("records/\(try id(letter))") }

        func due(before day: String) throws -> [[String: Any]] {
            let result = try scanctl(["retention", "due", "--before", day, "--json"], as: nil)
            #expect(result.status == 0, "\(result.standardError)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        }
    }

    /// Four letters run and filed: 632.10 (A, permanent), 933.10 (V, 10 years), 673 reclassified to
    /// 070 (A, 10 years), 661 (B, 10 years).
    static func scene() throws -> Scene {
        let folder = try TemporaryFolder()
        let workspace = folder.url.appendingPathComponent("ws")
        try TestUsers.add(to: workspace)
        let run = try ScanCtlProcess.run(["run", "--workspace", workspace.path, "--jobs", "2", "--json", "--operator", "Poststelle Test"]
                                         + letters.map { RunCommandTests.samples.appendingPathComponent($0).path })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], "\(run.standardError)")
        let documents = try #require((json["summary"] as? [String: Any])?["documents"] as? [[String: Any]])
        var ids: [String: String] = [:]
        for document in documents {
            guard let source = document["source"] as? String, let id = document["document"] as? String else { continue }
            ids[(source as NSString).lastPathComponent] = id
        }
        let scene = Scene(folder: folder, workspace: workspace, ids: ids)
        let reclassified = try scene.scanctl(["review", "reclassify", String(try scene.id(letters[2]).prefix(8)), "070",
                                              "--reason", "Pressemitteilung zur Baumfällung"])
        #expect(reclassified.status == 0, "\(reclassified.standardOutput)\(reclassified.standardError)")
        return scene
    }

    /// The message XML inside a ZIP written to `folder`, and the ZIP's entries.
    static func message(_ suffix: String, in folder: URL) throws -> (name: String, xml: Data, entries: [String]) {
        let zip = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(suffix) })
        let archive = try Archive(url: folder.appendingPathComponent(zip), accessMode: .read)
        let entry = try #require(archive.first { $0.path.hasSuffix(".xml") })
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        return (zip, xml, archive.map(\.path).sorted())
    }

    /// The archive's message: a head of `type` for `process`, then `body`.
    static func archiveMessage(_ root: String, type: String, process: String, body: String, receipt: Bool = true) -> Data {
        Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <xdomea:\(root) xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">
          <xdomea:Kopf>
            <xdomea:ProzessID>\(process)</xdomea:ProzessID>
            <xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0"><code>\(type)</code></xdomea:Nachrichtentyp>
            <xdomea:Erstellungszeitpunkt>2040-01-05T09:00:00Z</xdomea:Erstellungszeitpunkt>
            <xdomea:Absender><xdomea:Institution><xdomea:Name>Stadtarchiv Lindenau</xdomea:Name></xdomea:Institution></xdomea:Absender>
            <xdomea:Empfaenger><xdomea:Institution><xdomea:Name>Stadtverwaltung Lindenau</xdomea:Name></xdomea:Institution></xdomea:Empfaenger>
            \(receipt ? "<xdomea:Empfangsbestaetigung>0</xdomea:Empfangsbestaetigung>" : "")
          </xdomea:Kopf>
          \(body)
        </xdomea:\(root)>
        """.utf8)
    }

    static func bewertung(_ object: String, _ code: String) -> String {
        """
        <xdomea:BewertetesObjekt><xdomea:ID>\(object)</xdomea:ID><xdomea:Aussonderungsart>\
        <xdomea:Aussonderungsart listURI="urn:xoev-de:xdomea:codeliste:aussonderungsart" listVersionID="1.0"><code>\(code)</code>\
        </xdomea:Aussonderungsart></xdomea:Aussonderungsart></xdomea:BewertetesObjekt>
        """
    }

    /// The Akte ids of a message by their Kennzeichen (plan code).
    static func akten(_ xml: Data) throws -> [String: String] {
        let document = try XMLDocument(data: xml, options: [])
        var ids: [String: String] = [:]
        for akte in try document.nodes(forXPath: "//*[local-name()='Akte']") {
            guard let akte = akte as? XMLElement,
                  let id = try akte.nodes(forXPath: "./*[local-name()='Identifikation']/*[local-name()='ID']").first?.stringValue,
                  let code = try akte.nodes(forXPath: "./*[local-name()='AllgemeineMetadaten']/*[local-name()='Kennzeichen']").first?.stringValue
            else { continue }
            ids[code] = id
        }
        return ids
    }

    @Test(.enabled(if: XdomeaExportTests.schemasAvailable, "the xdomea schemas (../shared/xdomea) are not present"))
    func offersEvaluatesHandsOverArchivesAndDisposes() throws {
        let scene = try Self.scene()
        defer { scene.folder.remove() }
        let schemas = ["--xdomea-schemas", Self.schemas.path]
        let bauantrag = try scene.id(Self.letters[0]), hund = try scene.id(Self.letters[1])
        let presse = try scene.id(Self.letters[2]), strasse = try scene.id(Self.letters[3])

        // Due: nothing today; in 2040 the 10-year records by disposal code, never the permanent one.
        #expect(try scene.due(before: "2026-01-01").isEmpty)
        let due = try scene.due(before: Self.later)
        #expect(Dictionary(uniqueKeysWithValues: due.map { ($0["record"] as? String ?? "", $0["disposal"] as? String ?? "") })
                == [presse: "A", strasse: "B", hund: "V"])
        #expect(due.allSatisfy { $0["retentionEnd"] != nil && $0["state"] as? String == "filed" })

        // Only a records manager offers; the Registratur may not.
        let out501 = scene.folder.url.appendingPathComponent("0501")
        let clerk = try scene.scanctl(["export", "--target", "xdomea-aussonderung", "--stage", "anbieten", "--before", Self.later,
                                       "--out", out501.path] + schemas, as: "c.braun")
        #expect(clerk.status == 1 && clerk.standardError.contains("may not offer"), "\(clerk.standardError)")

        // 0501: the A and B records, validating; A proposed archivwürdig; V never offered.
        let offer = try scene.scanctl(["export", "--target", "xdomea-aussonderung", "--stage", "anbieten", "--before", Self.later,
                                       "--out", out501.path, "--sender", "Stadtverwaltung Lindenau", "--recipient", "Stadtarchiv Lindenau"]
                                      + schemas)
        #expect(offer.status == 0, "\(offer.standardOutput)\(offer.standardError)")
        let anbieteverzeichnis = try Self.message("_Aussonderung.Anbieteverzeichnis.0501.zip", in: out501)
        let process = String(anbieteverzeichnis.name.prefix(36))
        #expect(anbieteverzeichnis.entries == ["\(process)_Aussonderung.Anbieteverzeichnis.0501.xml"])
        #expect(try XdomeaExportTests.validationErrors(anbieteverzeichnis.xml, in: scene.folder.url) == nil)
        let offered = String(decoding: anbieteverzeichnis.xml, as: UTF8.self)
        #expect(offered.contains(presse) && offered.contains(strasse) && !offered.contains(hund) && !offered.contains(bauantrag))
        #expect(offered.contains("<xdomea:Bewertungsvorschlag") && offered.components(separatedBy: "<xdomea:Bewertungsvorschlag").count == 2)
        let akten = try Self.akten(anbieteverzeichnis.xml)
        let presseAkte = try #require(akten["070"]), strasseAkte = try #require(akten["661"])
        #expect(try RunCommandTests.actions(scene.workspace)["aussonderung.offered"] == 2)
        // Offered records are offered once: a second Anbietung has nothing left.
        let again = try scene.scanctl(["export", "--target", "xdomea-aussonderung", "--stage", "anbieten", "--before", Self.later,
                                       "--out", out501.path])
        #expect(again.status == 1 && again.standardError.contains("nothing to offer"), "\(again.standardError)")

        // The archive's 0502: validating; an unknown id is refused, naming it, and changes nothing.
        let unknownID = "11111111-2222-4333-8444-555555555555"
        let bad = scene.folder.url.appendingPathComponent("bad-0502.xml")
        try Self.archiveMessage("Aussonderung.Bewertungsverzeichnis.0502", type: "0502", process: process,
                                body: Self.bewertung(presseAkte, "A") + Self.bewertung(unknownID, "V")).write(to: bad)
        let refused = try scene.scanctl(["retention", "evaluation", bad.path] + schemas)
        #expect(refused.status == 1 && refused.standardError.contains(unknownID), "\(refused.standardError)")
        #expect(try RunCommandTests.actions(scene.workspace)["aussonderung.evaluated"] == nil)
        let good = scene.folder.url.appendingPathComponent("0502.xml")
        try Self.archiveMessage("Aussonderung.Bewertungsverzeichnis.0502", type: "0502", process: process,
                                body: Self.bewertung(presseAkte, "A") + Self.bewertung(strasseAkte, "V")).write(to: good)
        #expect(try XdomeaExportTests.validationErrors(try Data(contentsOf: good), in: scene.folder.url) == nil)
        let evaluated = try scene.scanctl(["retention", "evaluation", good.path, "--json"] + schemas)
        #expect(evaluated.status == 0, "\(evaluated.standardError)")
        let evaluation = try #require(try JSONSerialization.jsonObject(with: Data(evaluated.standardOutput.utf8)) as? [String: Any])
        #expect(evaluation["archivwuerdig"] as? [String] == [presse] && evaluation["kassabel"] as? [String] == [strasse])
        #expect(try RunCommandTests.actions(scene.workspace)["aussonderung.evaluated"] == 2)

        // Refusals of disposal: an A record, a record not due, a Registratur clerk.
        for (arguments, user, says) in [(["--record", String(presse.prefix(8)), "--before", Self.later], "a.schmidt", "archivwürdig"),
                                        (["--record", String(hund.prefix(8))], "a.schmidt", "not due"),
                                        (["--before", Self.later], "c.braun", "may not dispose")] {
            let result = try scene.scanctl(["retention", "dispose", "--reason", "Aussonderungsverfügung 2040/1"] + arguments, as: user)
            #expect(result.status == 1 && result.standardError.contains(says), "\(says): \(result.standardError)")
        }
        #expect(try RunCommandTests.actions(scene.workspace)["record.disposed"] == nil)

        // 0503: the archivwürdig record with its PDF/A, validating; history readable, no paths, no JSON.
        let out503 = scene.folder.url.appendingPathComponent("0503")
        let handover = try scene.scanctl(["export", "--target", "xdomea-aussonderung", "--stage", "aussondern", "--out", out503.path] + schemas)
        #expect(handover.status == 0, "\(handover.standardOutput)\(handover.standardError)")
        let aussonderung = try Self.message("_Aussonderung.Aussonderung.0503.zip", in: out503)
        #expect(aussonderung.name == "\(process)_Aussonderung.Aussonderung.0503.zip")
        #expect(aussonderung.entries == ["\(presse).pdf", "\(process)_Aussonderung.Aussonderung.0503.xml"].sorted())
        #expect(try XdomeaExportTests.validationErrors(aussonderung.xml, in: scene.folder.url) == nil)
        let handedOver = String(decoding: aussonderung.xml, as: UTF8.self)
        #expect(handedOver.contains(presseAkte) && !handedOver.contains(strasse))
        let history = try XMLDocument(data: aussonderung.xml, options: [])
            .nodes(forXPath: "//*[local-name()='HistorienProtokollInformation']").compactMap(\.stringValue)
        #expect(!history.isEmpty)
        // No JSON, and no path: nothing that starts with "/" and goes on through a folder.
        let path = try Regex(#"(^|[\s„"(=:])/[^\s/]+/"#)
        #expect(history.allSatisfy { !$0.contains("{") && !$0.contains(path) && !$0.contains(RunCommandTests.samples.path) }, "\(history)")
        #expect(handedOver.contains("Eingescannt von Poststelle Test") && handedOver.contains("Umgeordnet von 673 nach 070 durch a.schmidt")
                && handedOver.contains("Grund: Pressemitteilung zur Baumfällung") && handedOver.contains("Vom Archiv bewertet: archivwürdig"))

        // 0507: the archive received the 0503 (recorded, nothing moves); a receipt is no Bewertung.
        let received = scene.folder.url.appendingPathComponent("0507.xml")
        try Self.archiveMessage("Aussonderung.AussonderungEmpfangBestaetigen.0507", type: "0507", process: process, body: "",
                                receipt: false).write(to: received)
        #expect(try XdomeaExportTests.validationErrors(try Data(contentsOf: received), in: scene.folder.url) == nil)
        let wrongCommand = try scene.scanctl(["retention", "evaluation", received.path] + schemas)
        #expect(wrongCommand.status == 1 && wrongCommand.standardError.contains("not the archive's Bewertungsverzeichnis"))
        let receivedResult = try scene.scanctl(["retention", "receipt", received.path] + schemas)
        #expect(receivedResult.status == 0 && receivedResult.standardOutput.contains("receipt recorded"), "\(receivedResult.standardError)")
        #expect(try RunCommandTests.actions(scene.workspace)["aussonderung.confirmed"] == 1)
        // A 0506 that reports a failed import leaves the record handed over, with the archive's error.
        let failed = scene.folder.url.appendingPathComponent("0506-failed.xml")
        try Self.archiveMessage("Aussonderung.AussonderungImportBestaetigen.0506", type: "0506", process: process, body: """
            <xdomea:AusgesondertesSGO><xdomea:IDSGO>\(presseAkte)</xdomea:IDSGO><xdomea:Erfolgreich>0</xdomea:Erfolgreich>\
            <xdomea:Fehlermeldung>Primärdokument nicht lesbar</xdomea:Fehlermeldung></xdomea:AusgesondertesSGO>
            """, receipt: false).write(to: failed)
        #expect(try XdomeaExportTests.validationErrors(try Data(contentsOf: failed), in: scene.folder.url) == nil)
        let notImported = try scene.scanctl(["retention", "receipt", failed.path] + schemas)
        #expect(notImported.status == 0 && notImported.standardOutput.contains("Primärdokument nicht lesbar"), "\(notImported.standardError)")
        #expect(FileManager.default.fileExists(atPath: try scene.recordFolder(Self.letters[2]).path))

        // 0506: the archive imported it: archived, its files removed by the deletion protocol.
        let receipt = scene.folder.url.appendingPathComponent("0506.xml")
        try Self.archiveMessage("Aussonderung.AussonderungImportBestaetigen.0506", type: "0506", process: process, body: """
            <xdomea:AusgesondertesSGO><xdomea:IDSGO>\(presseAkte)</xdomea:IDSGO><xdomea:Erfolgreich>1</xdomea:Erfolgreich>\
            <xdomea:Archivkennung>StA-L 2040/17</xdomea:Archivkennung></xdomea:AusgesondertesSGO>
            """, receipt: false).write(to: receipt)
        #expect(try XdomeaExportTests.validationErrors(try Data(contentsOf: receipt), in: scene.folder.url) == nil)
        let confirmed = try scene.scanctl(["retention", "receipt", receipt.path] + schemas)
        #expect(confirmed.status == 0 && confirmed.standardOutput.contains("1 record(s) archived"), "\(confirmed.standardError)")
        #expect(!FileManager.default.fileExists(atPath: try scene.recordFolder(Self.letters[2]).path))

        // Disposal: the V record due and the record judged kassabel; a dry run first changes nothing.
        let dry = try scene.scanctl(["retention", "dispose", "--before", Self.later, "--reason", "Aussonderungsverfügung 2040/1",
                                     "--dry-run", "--json"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(FileManager.default.fileExists(atPath: try scene.recordFolder(Self.letters[1]).path))
        let pdf = try Data(contentsOf: try scene.recordFolder(Self.letters[1]).appendingPathComponent("document.pdf"))
        let disposed = try scene.scanctl(["retention", "dispose", "--before", Self.later, "--reason", "Aussonderungsverfügung 2040/1",
                                          "--json"])
        #expect(disposed.status == 0, "\(disposed.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(disposed.standardOutput.utf8)) as? [String: Any])
        let records = try #require(summary["records"] as? [[String: Any]])
        #expect(Set(records.compactMap { $0["record"] as? String }) == [hund, strasse])
        #expect(Set(records.compactMap { $0["grounds"] as? String }) == ["vernichten", "kassabel"])
        for letter in Self.letters[1...] {
            #expect(!FileManager.default.fileExists(atPath: try scene.recordFolder(letter).path), "\(letter)")
        }
        #expect(FileManager.default.fileExists(atPath: try scene.recordFolder(Self.letters[0]).path), "the permanent record stays")
        // The Löschprotokoll: the event and its copy name the removed files' hashes, who and why.
        let copy = scene.workspace.appendingPathComponent("loeschprotokolle/\(hund).json")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: copy)) as? [String: Any])
        let protocolEntry = try #require(file["loeschprotokoll"] as? [String: Any])
        #expect(file["by"] as? String == "a.schmidt" && protocolEntry["reason"] as? String == "Aussonderungsverfügung 2040/1")
        #expect(protocolEntry["planCode"] as? String == "933.10" && protocolEntry["retentionEnd"] != nil)
        let hashes = (protocolEntry["files"] as? [[String: Any]] ?? []).compactMap { $0["sha256"] as? String }
        #expect(hashes.contains(pdf.sha256Hex) && hashes.count == 2)
        #expect(try RunCommandTests.actions(scene.workspace)["record.disposed"] == 3)

        // The trail verifies, the record check is quiet, and the disposed records keep their history.
        let verify = try scene.scanctl(["audit", "verify", "--records"], as: nil)
        #expect(verify.status == 0 && verify.standardOutput.contains("intact"), "\(verify.standardOutput)\(verify.standardError)")
        let log = try scene.scanctl(["audit", "log", "--document", hund, "--json"], as: nil)
        #expect(log.standardOutput.contains("record.written") && log.standardOutput.contains("record.disposed"), "\(log.standardError)")
        #expect(try scene.due(before: Self.later).isEmpty)
    }
}
