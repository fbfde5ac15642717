import Foundation
import Testing
import ZIPFoundation
@testable import ScanPipeline
import TestSupport

/// `scanctl export --target xdomea`: Abgabe.Abgabe.0401 messages that validate against the xdomea
/// 3.0.0 schemas in ../shared/xdomea.
@Suite("scanctl export --target xdomea", .serialized)
struct XdomeaExportTests {
    static let schemas = Corpus.root.deletingLastPathComponent().appendingPathComponent("xdomea/schema-3.0.0")
    static var schemasAvailable: Bool { FileManager.default.fileExists(atPath: schemas.appendingPathComponent("xdomea.xsd").path) }

    /// The message XML inside the ZIP, and the ZIP's entry names.
    static func message(in folder: URL) throws -> (zip: String, xml: Data, entries: [String]) {
        let zip = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".zip") })
        let archive = try Archive(url: folder.appendingPathComponent(zip), accessMode: .read)
        let entries = archive.map(\.path).sorted()
        let entry = try #require(archive.first { $0.path.hasSuffix(".xml") })
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        return (zip, xml, entries)
    }

    /// xmllint against xdomea.xsd; nil when valid, else what it said.
    static func validationErrors(_ xml: Data, in folder: URL) throws -> String? {
        let file = folder.appendingPathComponent("message.xml")
        try xml.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--schema", "xdomea.xsd", file.path]
        process.currentDirectoryURL = schemas
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : text
    }

    @Test(.enabled(if: XdomeaExportTests.schemasAvailable, "the xdomea schemas (../shared/xdomea) are not present"))
    func writesValidAbgabeMessagesForOneAndManyRecords() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let letters = ["01-bauantrag-nachreichung.tif", "03-hundesteuer-abmeldung.jpg", "08-strassenschaden.png"]
        let run = try ScanCtlProcess.run(["run", "--workspace", workspace.path, "--jobs", "2"]
                                         + letters.map { RunCommandTests.samples.appendingPathComponent($0).path })
        #expect(run.status == 0, "\(run.standardError)")

        // One record (filed under 632.10), then every filed record.
        for (name, extra, count) in [("one", ["--code", "632"], 1), ("many", [], 3)] {
            let out = folder.url.appendingPathComponent(name)
            let export = try ScanCtlProcess.run(["export", "--target", "xdomea", "--out", out.path, "--workspace", workspace.path,
                                                 "--sender", "Stadtverwaltung Lindenau <Poststelle> & \"Archiv\""] + extra)
            #expect(export.status == 0, "\(export.standardError)")
            let message = try Self.message(in: out)
            let processID = String(message.zip.prefix(36))
            #expect(message.zip == "\(processID)_Abgabe.Abgabe.0401.zip")
            #expect(message.entries.contains("\(processID)_Abgabe.Abgabe.0401.xml"))
            #expect(message.entries.filter { $0.hasSuffix(".pdf") }.count == count)
            #expect(try Self.validationErrors(message.xml, in: folder.url) == nil)
            let xml = String(decoding: message.xml, as: UTF8.self)
            #expect(xml.contains("<xdomea:Name>Stadtverwaltung Lindenau &lt;Poststelle&gt; &amp; \"Archiv\"</xdomea:Name>"))
            #expect(xml.components(separatedBy: "<xdomea:Dokument>").count - 1 == count)
            // History as readable German text: who, when, what, why; no raw JSON, no server paths.
            #expect(xml.contains("Automatisch der Aktenplaneinheit") && xml.contains("Eingescannt von "))
            #expect(!xml.contains("{") && !xml.contains(RunCommandTests.samples.path))
        }
        let many = folder.url.appendingPathComponent("many")
        let xml = String(decoding: try Self.message(in: many).xml, as: UTF8.self)
        #expect(xml.contains("<xdomea:Kennzeichen>632.10</xdomea:Kennzeichen>"))
        // 632.10 keeps its records for ever (A), 933.10 for a number of years.
        #expect(xml.contains("<xdomea:Unbefristet>1</xdomea:Unbefristet>") && xml.contains("<xdomea:AnzahlJahre>"))
        #expect(xml.contains("<code>A</code>"))
        // The records are PDF/A: Dateiformat 044, not plain PDF's 018.
        #expect(xml.components(separatedBy: "<code>044</code>").count - 1 == 3 && !xml.contains("<code>018</code>"))

        // The same records again: the same message, nothing written, nothing audited.
        let before = try RunCommandTests.actions(workspace)["record.exported"] ?? 0
        let again = try ScanCtlProcess.run(["export", "--target", "xdomea", "--out", many.path, "--workspace", workspace.path,
                                            "--sender", "Stadtverwaltung Lindenau <Poststelle> & \"Archiv\""])
        #expect(again.status == 0 && again.standardOutput.contains("0 record(s) written, 3 unchanged"), "\(again.standardOutput)")
        #expect(try RunCommandTests.actions(workspace)["record.exported"] ?? 0 == before)
    }

    @Test func keepsControlCharactersOutOfTheXML() {
        #expect(XMLText.safe("a\u{0}b\u{7}c\td\ne") == "a b c\td\ne")
        #expect(XdomeaAbgabeMessage.nameUUID("x") == XdomeaAbgabeMessage.nameUUID("x"))
        #expect(XdomeaAbgabeMessage.nameUUID("x").count == 36 && XdomeaAbgabeMessage.nameUUID("x") != XdomeaAbgabeMessage.nameUUID("y"))
    }
}
