import Foundation
import GRDB
import Testing
import TestSupport

/// `scanctl run` on a whole stack of post scanned into one file: split at Patch T sheets into the
/// right documents with the right flags.
@Suite("scanctl run: separation", .serialized)
struct SeparationCommandTests {
    static let mailroom = RunCommandTests.samples.deletingLastPathComponent().appendingPathComponent("mailroom")

    struct ExpectedDocument: Decodable {
        var letter: String
        var pages: [Int]
        var plan_code: String
        var barcode_placement: String?
        var blank_pages: [Int]
        var schutzbedarf: String
    }

    struct Manifest: Decodable {
        var file: String
        var pages: Int
        var separator_pages: [Int]
        var documents: [ExpectedDocument]
    }

    /// The documents of a run, each with the source page numbers it holds (separators excluded).
    static func documents(_ workspace: URL) throws -> [(id: String, state: String, pages: [Int], metadata: [String: Any])] {
        let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, state, recordPath FROM document ORDER BY rowid").map {
                (id: $0["id"] as String, state: $0["state"] as String, record: $0["recordPath"] as String?)
            }
        }
        return try rows.map { row in
            let data = try Data(contentsOf: workspace.appendingPathComponent(row.record ?? "-").appendingPathComponent("metadata.json"))
            let metadata = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let pages = (metadata["pages"] as? [[String: Any]] ?? []).filter { $0["separator"] as? Bool != true }
                .compactMap { $0["number"] as? Int }
            return (row.id, row.state, pages, metadata)
        }
    }

    @Test func splitsTheMailroomStackIntoItsLetters() throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: Self.mailroom.appendingPathComponent("manifest.json")))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let run = try ScanCtlProcess.run(["run", Self.mailroom.appendingPathComponent(manifest.file).path,
                                          "--workspace", workspace.path, "--jobs", "2"])
        #expect(run.status == 0, "\(run.standardError)")

        let documents = try Self.documents(workspace)
        #expect(documents.map(\.pages) == manifest.documents.map(\.pages))
        for (found, expected) in zip(documents, manifest.documents) {
            let plan = found.metadata["plan"] as? [String: Any]
            let blank = (found.metadata["pages"] as? [[String: Any]] ?? []).filter { $0["blank"] as? Bool == true }
                .compactMap { $0["number"] as? Int }
            #expect(blank == expected.blank_pages, "\(expected.letter): blank pages")
            #expect(found.metadata["pagesInRecord"] as? Int == expected.pages.count - expected.blank_pages.count)
            #expect(found.metadata["schutzbedarf"] as? String == expected.schutzbedarf, "\(expected.letter)")
            if let placement = expected.barcode_placement {
                // The separator sheet's second barcode says where the letter belongs: it wins, as evidence.
                #expect(plan?["code"] as? String == expected.plan_code, "\(expected.letter): \(plan ?? [:])")
                let candidates = (found.metadata["classification"] as? [String: Any])?["candidates"] as? [[String: Any]] ?? []
                #expect(candidates.first.flatMap { $0["evidence"] as? [String] } == ["barcode \(placement)"])
            }
            if expected.schutzbedarf == "hoch" {
                // Marked persönlich: to review, whatever the classifier thought.
                #expect(found.state == "needs-review")
                let classification = found.metadata["classification"] as? [String: Any]
                #expect((classification?["reviewReason"] as? String ?? "").contains("persönlich"))
            } else {
                #expect(found.state == "filed", "\(expected.letter)")
                #expect((plan?["code"] as? String ?? "").hasPrefix(expected.plan_code), "\(expected.letter): \(plan ?? [:])")
            }
        }

        // The separator sheets stay in the audit: one split event naming them and the parts.
        let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
        let split = try #require(try queue.read { db in
            try String.fetchOne(db, sql: "SELECT payload FROM auditEvent WHERE action = 'document.split'")
        })
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(split.utf8)) as? [String: Any])
        #expect(payload["separatorPages"] as? [Int] == manifest.separator_pages)
        // The last sheet has no barcode: its patch bars alone made it a separator.
        let codes = (payload["barcodes"] as? [[String: Any]] ?? []).map { "\($0["symbology"] ?? ""):\($0["value"] ?? "")" }
        #expect(codes.contains("PATCH:PATCHT") && codes.contains("CODE-39:PATCHT"), "\(codes)")
        // Each separator sheet stays with the document it starts, outside its record.
        for (found, sheet) in zip(try Self.documents(workspace).dropFirst(), manifest.separator_pages) {
            let sheets = (found.metadata["pages"] as? [[String: Any]] ?? []).filter { $0["separator"] as? Bool == true }
            #expect(sheets.compactMap { $0["number"] as? Int } == [sheet] && sheets.allSatisfy { $0["inRecord"] as? Bool == false })
        }
        #expect((payload["parts"] as? [[String: Any]])?.count == manifest.documents.count)
        #expect(try RunCommandTests.actions(workspace)["document.separated"] == manifest.documents.count)
        #expect(try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.path]).status == 0)

        // The Transfervermerk counts the separator sheets and reconciles the sheets: none lost.
        let notes = workspace.appendingPathComponent("transfervermerke")
        let note = try #require(try FileManager.default.contentsOfDirectory(atPath: notes.path).first { $0.hasSuffix(".json") })
        let vermerk = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: notes.appendingPathComponent(note))) as? [String: Any])
        let counts = try #require(vermerk["counts"] as? [String: Any])
        #expect(counts["separatorSheets"] as? Int == manifest.separator_pages.count && counts["pages"] as? Int == manifest.pages)
        let checks = (vermerk["qualityCheck"] as? [String: Any])?["checks"] as? [[String: Any]] ?? []
        let reconciled = try #require(checks.first { ($0["check"] as? String ?? "").hasPrefix("sheets reconciled") })
        #expect(reconciled["passed"] as? Bool == true, "\(reconciled)")
        // Nothing of the page files is left once every part has its record.
        let work = workspace.appendingPathComponent("work")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []).isEmpty)
    }

    /// Killed at any moment and run again, the stack still comes out as its documents: the split
    /// happens once, no page is in two documents, no page file is left.
    @Test(arguments: [1.0, 2.5, 4.5])
    func survivesAKillMidBatch(after seconds: Double) throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: Self.mailroom.appendingPathComponent("manifest.json")))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let arguments = ["run", Self.mailroom.appendingPathComponent(manifest.file).path, "--workspace", workspace.path, "--jobs", "2"]
        _ = try ScanCtlProcess.runAndKill(arguments, after: seconds)
        // The same command again: the file may not even have been registered before the kill.
        let resumed = try ScanCtlProcess.run(arguments)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(try Self.documents(workspace).map(\.pages) == manifest.documents.map(\.pages))
        let actions = try RunCommandTests.actions(workspace)
        #expect(actions["document.split"] == 1 && actions["record.written"] == manifest.documents.count)
        let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
        let pages = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM page") }
        #expect(pages == manifest.pages)
        let work = workspace.appendingPathComponent("work")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []).isEmpty)
        #expect(try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.path]).status == 0)
    }

    /// paperless-ngx's separator samples: Patch T sheets in the middle, twice, distorted and fuzzy.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason),
          arguments: [("patch-code-t-middle.pdf", [[1], [3]]), ("several-patcht-codes.pdf", [[1, 2], [4, 5], [7]]),
                      ("patch-code-t-middle-distorted.pdf", [[1], [3]]), ("patch-code-t-double.pdf", [[1], [4]]),
                      ("patch-code-t-middle-unreadable.pdf", [[1, 2, 3]])])
    func splitsPaperlessSeparatorSamples(file: String, parts: [[Int]]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let source = Corpus.root.appendingPathComponent("scans/paperless/src/documents/tests/samples/barcodes/\(file)")
        let run = try ScanCtlProcess.run(["run", source.path, "--workspace", workspace.path, "--jobs", "2"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try Self.documents(workspace).map(\.pages) == parts)
    }

    /// NAPS2's blank-page samples: scanner streaks are not text (blank1/2 are blank), a page with a
    /// few lines is not blank; as its expected.json says.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))
    func tellsBlankPagesFromAlmostBlankOnes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let resources = Corpus.root.appendingPathComponent("scans/naps2/NAPS2.Sdk.Tests/Resources")
        let expected = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: resources.appendingPathComponent("expected.json"))) as? [String: Any])
        let blank = try #require(expected["blank"] as? [String: Any])
        let files = ["blank1.jpg", "blank2.jpg", "notblank.jpg"]
        _ = try ScanCtlProcess.run(["run", "--workspace", workspace.path] + files.map { resources.appendingPathComponent($0).path })
        let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
        for file in files {
            let isBlank = try #require(try queue.read { db in
                try Bool.fetchOne(db, sql: """
                    SELECT p.blank FROM page p JOIN document d ON d.id = p.document JOIN sourceFile s ON s.sha256 = d.sourceFile
                    WHERE s.path LIKE ?
                    """, arguments: ["%/" + file])
            })
            #expect(isBlank == (blank[file] as? Bool), "\(file)")
        }
    }

    /// NAPS2's scans of a printed Kodak Patch T sheet (one alone, one from a Word printout) are
    /// recognised as separator sheets: `scanctl ocr` reports the sheet's barcode.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason),
          arguments: ["patcht.jpg", "word_patcht_p1.jpg"])
    func readsThePatchTSheetOfAKodakScan(file: String) throws {
        let path = Corpus.root.appendingPathComponent("scans/naps2/NAPS2.Sdk.Tests/Resources/\(file)").path
        let result = try ScanCtlProcess.run(["ocr", path, "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("\"value\" : \"PATCHT\"") || result.standardOutput.contains("\"value\":\"PATCHT\""),
                "no PATCHT barcode read")
    }
}
