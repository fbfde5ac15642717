import Foundation
import GRDB
import Testing
import TestSupport

/// `scanctl run --akte-from`: the sample delivery (four Akten of one-page TIFFs, one blank back
/// side, a multi-page file, manifest.csv) into four records, with real Tesseract.
@Suite("scanctl run --akte-from, end to end", .serialized)
struct DeliveryRunTests {
    struct Expected: Decodable {
        struct File: Decodable { var file: String; var pages: Int }
        var folder: String
        var aktenzeichen: String
        var plan_code: String
        var pages: Int
        var files: [File]
        var blank_pages: [Int]
        var laufzeit_bis: String
    }

    static let expected: [Expected] = {
        struct Manifest: Decodable { var akten: [Expected] }
        let data = (try? Data(contentsOf: Repository.url("samples/delivery-manifest.json"))) ?? Data()
        return (try? JSONDecoder().decode(Manifest.self, from: data).akten) ?? []
    }()

    /// A copy of samples/delivery, to be changed by a test.
    static func delivery(in folder: TemporaryFolder) throws -> URL {
        let copy = folder.url.appendingPathComponent("Lieferung 2026-11")
        try FileManager.default.copyItem(at: Repository.url("samples/delivery"), to: copy)
        return copy
    }

    /// Every record's metadata, by its Akte's Aktenzeichen.
    static func records(_ workspace: URL) throws -> [String: [String: Any]] {
        let folder = workspace.appendingPathComponent("records")
        var records: [String: [String: Any]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name).appendingPathComponent("metadata.json"))
            let metadata = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let akte = try #require(metadata["akte"] as? [String: Any], "record \(name) has no Akte")
            let aktenzeichen = try #require(akte["aktenzeichen"] as? String)
            #expect(records[aktenzeichen] == nil, "\(aktenzeichen) is in two records")
            records[aktenzeichen] = metadata
        }
        return records
    }

    /// The four Akten, each once, with its Aktenzeichen first, its node, every page (blank ones
    /// marked and kept) traced to its file, filed without review.
    static func checkRecords(_ workspace: URL) throws {
        let records = try records(workspace)
        #expect(records.count == 4, "\(records.keys.sorted())")
        try #require(expected.count == 4, "samples/delivery-manifest.json lists the four Akten")
        for akte in expected {
            let record = try #require(records[akte.aktenzeichen], "no record for \(akte.aktenzeichen)")
            #expect((record["aktenzeichen"] as? [String])?.first == akte.aktenzeichen)
            #expect((record["plan"] as? [String: Any])?["code"] as? String == akte.plan_code, "\(akte.folder)")
            #expect(record["state"] as? String == "filed", "\(akte.folder): \(record["classification"] ?? "")")
            let pages = try #require(record["pages"] as? [[String: Any]])
            #expect(pages.count == akte.pages)
            #expect(record["pagesInRecord"] as? Int == akte.pages, "every page of an Akte is in its record")
            #expect(pages.filter { $0["blank"] as? Bool == true }.compactMap { $0["number"] as? Int } == akte.blank_pages)
            let traced = pages.map { "\($0["file"] as? String ?? "?")#\($0["filePage"] as? Int ?? 0)" }
            #expect(traced == akte.files.flatMap { file in (1...file.pages).map { "\(file.file)#\($0)" } })
        }
    }

    @Test func aDeliveryByFolderBecomesOneRecordPerAkte() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.delivery(in: folder)
        let workspace = folder.url.appendingPathComponent("ws")
        let result = try ScanCtlProcess.run(["run", delivery.path, "--akte-from", "folder", "--workspace", workspace.path, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let summary = try RunCommandTests.summary(result)
        #expect(summary["filed"] as? Int == 4, "\(result.standardError)")
        #expect(summary["pages"] as? Int == 10)
        #expect(result.standardError.contains("manifest.csv: a .csv file, not a page: not processed"), "named, not dropped")
        try Self.checkRecords(workspace)

        // The review queue and the d.3 export carry the Aktenzeichen.
        let list = try ScanCtlProcess.run(["review", "list", "--state", "all", "--workspace", workspace.path])
        #expect(list.standardOutput.contains("AKTENZEICHEN") && list.standardOutput.contains("632-0147"), "\(list.standardOutput)")
        let d3 = folder.url.appendingPathComponent("d3")
        let exported = try ScanCtlProcess.run(["export", "--target", "d3", "--out", d3.path, "--workspace", workspace.path])
        #expect(exported.status == 0, "\(exported.standardError)")
        let jpls = try FileManager.default.contentsOfDirectory(atPath: d3.path).filter { $0.hasSuffix(".jpl") }
            .map { try String(contentsOf: d3.appendingPathComponent($0), encoding: .utf8) }
        #expect(jpls.contains { $0.contains("dok_dat_feld[3] = \"632-0147\"") && $0.contains("dok_dat_feld[9] = \"Bauakte Birkenweg 14\"") },
                "\(jpls)")

        // The same delivery again, now by its manifest: the same Akten, named as duplicates.
        let again = try ScanCtlProcess.run(["run", delivery.path, "--akte-from", "manifest", "--workspace", workspace.path, "--json"])
        #expect(try RunCommandTests.summary(again)["duplicates"] as? Int == 4, "\(again.standardError)")
        #expect(try Self.records(workspace).count == 4)
        #expect(try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.path]).status == 0)
    }

    @Test func aDeliveryByManifestCarriesTheLaufzeitAndCountsRetentionFromIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.delivery(in: folder)
        let workspace = folder.url.appendingPathComponent("ws")
        let result = try ScanCtlProcess.run(["run", delivery.path, "--akte-from", "manifest", "--workspace", workspace.path, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        try Self.checkRecords(workspace)
        let records = try Self.records(workspace)
        let bewerbungen = try #require(records["021-0009"])
        let akte = try #require(bewerbungen["akte"] as? [String: Any])
        #expect(akte["laufzeitBis"] as? String == "1998-05-31")
        #expect((akte["fields"] as? [String: String])?["karton"] == "Karton 1")
        // 021 keeps for 1 year after closing: until the end of 1999, then V.
        let end = try #require(bewerbungen["retentionEnd"] as? [String: Any])
        #expect(end["date"] as? String == "1999-12-31" && end["disposal"] as? String == "V", "\(end)")
    }

    @Test func anAkteWithADamagedFileIsPutAsideWholeAndTheOthersFiled() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.delivery(in: folder)
        let damaged = delivery.appendingPathComponent("633-0022 Abbruch Scheune Muehlenweg 3/0002.tif")
        try Data("II*\0 not a TIFF any more".utf8).write(to: damaged)
        // And a sheet delivered twice (the contractor copied a file instead of scanning the next sheet).
        let bewerbungen = delivery.appendingPathComponent("021-0009 Bewerbungen Sachbearbeitung Bauamt")
        try FileManager.default.copyItem(at: bewerbungen.appendingPathComponent("0001.tif"), to: bewerbungen.appendingPathComponent("0003.tif"))
        let workspace = folder.url.appendingPathComponent("ws")
        let result = try ScanCtlProcess.run(["run", delivery.path, "--akte-from", "folder", "--workspace", workspace.path, "--json"])
        let summary = try RunCommandTests.summary(result)
        #expect(summary["filed"] as? Int == 3)
        #expect(summary["quarantined"] as? Int == 1)
        #expect(result.standardError.contains("633-0022") && result.standardError.contains("0002.tif"),
                "the reason names the Akte and its file\n\(result.standardError)")
        #expect(try Self.records(workspace)["633-0022"] == nil, "an Akte is never filed with a page missing")
        let kept = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("quarantine").path)
        #expect(kept.contains { $0.hasSuffix("0002.tif") }, "a copy of the damaged file is kept: \(kept)")

        // The German Transfervermerk: the scanner the files name, the settings, every Akte with or
        // without its record, the quarantined one never counted as reaching a record, pages by file.
        let notes = workspace.appendingPathComponent("transfervermerke")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: notes.path).first { $0.hasSuffix(".txt") })
        let text = try String(contentsOf: notes.appendingPathComponent(name), encoding: .utf8)
        for expected in ["Transfervermerk nach BSI TR-03138 (TR-RESISCAN)", "Scanner (laut Dateien):     Fujitsu fi-7700 (PaperStream Capture 3.2)",
                         "Auflösung:                  300 dpi (9 Seite(n))", "Scanprofil:                 bestandsakten",
                         "Doppelte Seite: Datei 021-0009 Bewerbungen Sachbearbeitung Bauamt/0003.tif, Seite 1: dasselbe Seitenbild wie "
                            + "Datei 021-0009 Bewerbungen Sachbearbeitung Bauamt/0001.tif, Seite 1",
                         "in Quarantäne 1: ohne Datensatz", "633-0022 Abbruch Scheune Muehlenweg 3: 0 Seite(n), in Quarantäne, kein Datensatz",
                         "632-0147 Bauakte Birkenweg 14: 3 Seite(n), abgelegt unter 632, Datensatz",
                         "[ ] Jedes Dokument hat einen Datensatz oder steht in der Prüfliste",
                         "In Quarantäne: ", "its file 0002.tif", "Datei 632-0147 Bauakte Birkenweg 14/0002.tif, Seite 1 (leer)",
                         "5. Sichtprüfung (Stichprobe) und Freigabe"] {
            #expect(text.contains(expected), "\(expected)\n\(text)")
        }
        #expect(!text.contains("Quality check"), "the note is in German")
        let batch = String(name.dropLast(".txt".count))
        let english = try ScanCtlProcess.run(["audit", "transfervermerk", "--batch", String(batch.prefix(8)), "--lang", "en",
                                              "--workspace", workspace.path])
        #expect(english.status == 0 && english.standardOutput.contains("Scanned by:") && english.standardOutput.contains("quarantined 1: no record"),
                "\(english.standardOutput)\(english.standardError)")
    }

    @Test func aKilledDeliveryRunResumesWithEveryAkteOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.delivery(in: folder)
        let workspace = folder.url.appendingPathComponent("ws")
        let arguments = ["run", delivery.path, "--akte-from", "manifest", "--workspace", workspace.path, "--jobs", "1"]
        let first = try ScanCtlProcess.start(arguments + ["--quiet"])
        let database = workspace.appendingPathComponent("scanctl.sqlite").path
        let deadline = Date().addingTimeInterval(120)
        var recognised = 0
        // Killed in the middle: some pages of the batch recognised, not all Akten written.
        while first.isRunning, Date() < deadline, recognised < 4 {
            Thread.sleep(forTimeInterval: 0.05)
            guard FileManager.default.fileExists(atPath: database) else { continue }
            recognised = (try? DatabaseQueue(path: database).read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = 'page.recognised'")
            }) ?? 0
        }
        try #require(first.isRunning, "the run ended before it could be killed")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()

        let resumed = try ScanCtlProcess.run(arguments + ["--json"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        try Self.checkRecords(workspace)
        let actions = try RunCommandTests.actions(workspace)
        #expect(actions["record.written"] == 4, "\(actions)")
        #expect(actions["file.ingested"] == 4, "each Akte ingested once: \(actions)")
        #expect(try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.path]).status == 0)
    }

    /// A file name in Latin-1 (as Windows contractors deliver) is read, and read again on resume.
    @Test func anAkteWithAFileNameThatIsNotUTF8IsFiled() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.delivery(in: folder)
        let akte = delivery.appendingPathComponent("633-0022 Abbruch Scheune Muehlenweg 3")
        try HostileInputTests.copy(akte.appendingPathComponent("0002.tif"), toRawName: Array("0002-".utf8) + [0xE4] + Array(".tif".utf8),
                                   in: akte)
        try FileManager.default.removeItem(at: akte.appendingPathComponent("0002.tif"))
        let workspace = folder.url.appendingPathComponent("ws")
        let result = try ScanCtlProcess.run(["run", delivery.path, "--akte-from", "folder", "--workspace", workspace.path, "--json"])
        #expect(try RunCommandTests.summary(result)["filed"] as? Int == 4, "\(result.standardError)")
        let pages = try #require(try Self.records(workspace)["633-0022"]?["pages"] as? [[String: Any]])
        #expect(pages.compactMap { $0["file"] as? String } == ["0001.tif", "0002-\\xE4.tif"])
    }

    /// An Akte whose folder holds a file that cannot be read (a FIFO) is put aside whole; the
    /// same Aktenzeichen delivered again with a page more is filed, but held for review.
    @Test func anIncompleteAkteIsPutAsideAndASecondDeliveryIsHeldForReview() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.delivery(in: folder)
        let akte = delivery.appendingPathComponent("021-0009 Bewerbungen Sachbearbeitung Bauamt")
        try #require(mkfifo(akte.appendingPathComponent("0003.tif").path, 0o644) == 0)
        let workspace = folder.url.appendingPathComponent("ws")
        let first = try ScanCtlProcess.run(["run", delivery.path, "--akte-from", "manifest", "--workspace", workspace.path, "--json"])
        let summary = try RunCommandTests.summary(first)
        #expect(summary["filed"] as? Int == 3 && summary["quarantined"] as? Int == 1, "\(first.standardError)")
        #expect(first.standardError.contains("could not be read, so the Akte would be incomplete") && first.standardError.contains("0003.tif"),
                "\(first.standardError)")
        #expect(try Self.records(workspace)["021-0009"] == nil)

        // The contractor delivers the Bauakte again, with a sheet found later.
        try FileManager.default.removeItem(at: akte.appendingPathComponent("0003.tif"))
        let bauakte = delivery.appendingPathComponent("632-0147 Bauakte Birkenweg 14")
        try FileManager.default.copyItem(at: akte.appendingPathComponent("0001.tif"), to: bauakte.appendingPathComponent("0004.tif"))
        let again = try ScanCtlProcess.run(["run", delivery.path, "--akte-from", "manifest", "--workspace", workspace.path, "--json"])
        #expect(again.status == 0, "\(again.standardError)")
        let list = try ScanCtlProcess.run(["review", "list", "--workspace", workspace.path])
        #expect(list.standardOutput.contains("632-0147") && list.standardOutput.contains("has a record already"), "\(list.standardOutput)")
    }

    /// A rescanned sheet sends the Akte to review, but it stays at its Aktenzeichen's node (632,
    /// which has subdivisions): accepting it does not move it below.
    @Test func aRescannedAkteStaysAtItsNode() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let delivery = try Self.delivery(in: folder)
        let workspace = folder.url.appendingPathComponent("ws")
        try TestUsers.add(to: workspace)
        let run = try ScanCtlProcess.run(["run", delivery.path, "--akte-from", "folder", "--workspace", workspace.path])
        #expect(run.status == 0, "\(run.standardError)")
        let record = try #require(try Self.records(workspace)["632-0147"])
        let id = try #require(record["record"] as? String)
        let sheet = delivery.appendingPathComponent("632-0147 Bauakte Birkenweg 14/0003.tif")
        let rescan = try ScanCtlProcess.run(["rescan", String(id.prefix(8)), "--page", "3", sheet.path, "--reason", "Blatt schief",
                                             "--as", "b.meyer", "--workspace", workspace.path], input: TestUsers.input)
        #expect(rescan.status == 0, "\(rescan.standardOutput)\(rescan.standardError)")
        let accept = try ScanCtlProcess.run(["review", "accept", String(id.prefix(8)), "--as", "b.meyer", "--workspace", workspace.path],
                                            input: TestUsers.input)
        #expect(accept.status == 0, "\(accept.standardOutput)\(accept.standardError)")
        let after = try #require(try Self.records(workspace)["632-0147"])
        #expect((after["plan"] as? [String: Any])?["code"] as? String == "632", "\(accept.standardOutput)")
    }

    @Test func deliveryOptionsAreCheckedTogether() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws").path
        let cases: [([String], String)] = [
            (["--manifest", "x.csv"], "need --akte-from"),
            (["--akte-from", "folder", "--manifest", "x.csv"], "--akte-from manifest"),
            (["--akte-from", "manifest", "--az-pattern", "(?<az>.*)"], "reads folder names"),
            (["--akte-from", "folder", "--az-pattern", "[0-9]+"], "no group"),
        ]
        for (arguments, message) in cases {
            let result = try ScanCtlProcess.run(["run", folder.url.path, "--workspace", workspace] + arguments)
            #expect(result.status != 0 && result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
    }
}
