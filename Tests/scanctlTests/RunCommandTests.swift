import Foundation
import GRDB
import Testing
import TestSupport

/// `scanctl run` end to end: the built binary on the samples, on bad input, twice, and killed.
@Suite("scanctl run, end to end", .serialized)
struct RunCommandTests {
    static let samples = Repository.sampleBatch

    static var sampleFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []).sorted()
            .map { samples.appendingPathComponent($0).path }
    }

    static func summary(_ result: ScanCtlProcess.Result) throws -> [String: Any] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
                                "stdout: \(result.standardOutput)\nstderr: \(result.standardError)")
        return try #require(json["summary"] as? [String: Any])
    }

    /// Counts of audit actions, read straight from the database.
    static func actions(_ workspace: URL) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
        return try queue.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT action, COUNT(*) AS n FROM auditEvent GROUP BY action") {
                counts[row["action"]] = row["n"]
            }
            return counts
        }
    }

    static func documents(_ workspace: URL) throws -> [(sha: String, state: String, record: String?)] {
        let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT sourceFile, state, recordPath FROM document ORDER BY sourceFile")
                .map { ($0["sourceFile"], $0["state"], $0["recordPath"]) }
        }
    }

    @Test func filesTheSampleBatchAsRecordsWithAnIntactAuditTrail() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let result = try ScanCtlProcess.run(["run", Self.samples.path, "--workspace", workspace.path, "--json",
                                             "--operator", "Poststelle Test", "--jobs", "2"])
        #expect(result.status == 0, "\(result.standardError)")
        let summary = try Self.summary(result)
        #expect(summary["pages"] as? Int == 11 && summary["blankPages"] as? Int == 1)
        #expect((summary["filed"] as? Int ?? 0) + (summary["needsReview"] as? Int ?? 0) == 8)
        #expect((summary["filed"] as? Int ?? 0) >= 4)
        #expect(summary["quarantined"] as? Int == 0 && summary["duplicates"] as? Int == 0)

        // One record folder per document, each with a PDF and its metadata; the blank back side is left out.
        let records = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("records").path)
        #expect(records.count == 8 && records.allSatisfy { !$0.hasPrefix(".") })
        let documents = try #require(summary["documents"] as? [[String: Any]])
        for document in documents {
            let record = URL(fileURLWithPath: try #require(document["recordPath"] as? String))
            let data = try Data(contentsOf: record.appendingPathComponent("metadata.json"))
            let metadata = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let pdf = record.appendingPathComponent("document.pdf")
            #expect(FileManager.default.fileExists(atPath: pdf.path))
            #expect(metadata["pdfFormat"] as? String == "PDF/A-2b")
            // The XMP packet is stored unfiltered, so its text is in the file as written.
            let xmp = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
            #expect(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<scanctl:record>\(record.lastPathComponent)</scanctl:record>"))
            let source = try #require(document["source"] as? String)
            if source.hasSuffix("04-baumfaellung-antrag.tif") {
                #expect(metadata["pagesInRecord"] as? Int == 1)
            }
            if source.hasSuffix("07-bewerbung-vertraulich.tif") {
                #expect(metadata["schutzbedarf"] as? String == "hoch")
                // Marked confidential: never filed automatically, and no words of it in the audit trail.
                #expect(document["state"] as? String == "needs-review")
                #expect((document["note"] as? String ?? "").contains("marked \"vertraulich\" on its first page"), "\(document)")
                let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
                let payload = try await queue.read { db in
                    try String.fetchOne(db, sql: "SELECT payload FROM auditEvent WHERE action = 'document.classified' AND document = ?",
                                        arguments: [record.lastPathComponent])
                } ?? ""
                #expect(payload.contains("withheld") && !payload.contains("keyword"), "\(payload)")
            }
            if source.hasSuffix("01-bauantrag-nachreichung.tif") {
                #expect(metadata["aktenzeichen"] as? [String] == ["63.2-0147/2026"])
                #expect(document["planCode"] as? String == "632.10")
                #expect(xmp.contains("<scanctl:planCode>632.10</scanctl:planCode>"))
                #expect(metadata["retention"] as? String == "permanent" && metadata["disposal"] as? String == "A")
                let end = try #require(metadata["retentionEnd"] as? [String: Any])
                #expect(end["status"] as? String == "permanent" && end["disposal"] as? String == "A")
            }
            if source.hasSuffix("03-hundesteuer-abmeldung.jpg"), let end = metadata["retentionEnd"] as? [String: Any] {
                // Filed in an open file: retention has not started.
                #expect(end["status"] as? String == "open" && end["date"] == nil)
            }
        }

        let actions = try Self.actions(workspace)
        #expect(actions["batch.opened"] == 1 && actions["batch.closed"] == 1)
        #expect(actions["file.ingested"] == 8 && actions["document.classified"] == 8 && actions["record.written"] == 8)
        #expect(actions["page.derived"] == 11 && actions["page.recognised"] == 11)
        let verify = try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.path])
        #expect(verify.status == 0, "\(verify.standardOutput)")
    }

    /// A page the quality gate flags (150 dpi, below the profile's minimum) keeps its flag in the
    /// record's metadata, so that a record filed without a rescan says so.
    @Test func aFlaggedPageKeepsItsFlagInTheRecordsMetadata() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inbox = folder.url.appendingPathComponent("eingang")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try PNGWriter.write(count: 1, into: inbox, dpi: 150)
        let workspace = folder.path("ws")
        let result = try ScanCtlProcess.run(["run", inbox.path, "--workspace", workspace, "--json", "--jobs", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        let record = try #require((try Self.summary(result)["documents"] as? [[String: Any]])?.first?["recordPath"] as? String)
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: record + "/metadata.json")))
                                    as? [String: Any])
        let page = try #require((metadata["pages"] as? [[String: Any]])?.first)
        let flags = try #require(page["rescan"] as? [String], "\(page)")
        #expect(flags.contains { $0.contains("150 dpi") }, "\(flags)")
    }

    /// A scheduler's pass over an empty inbox leaves no trace: no batch, no Transfervermerk.
    @Test func anEmptyFolderOpensNoBatch() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("eingang"), withIntermediateDirectories: true)
        let workspace = folder.path("ws")
        for _ in 1...2 {
            let result = try ScanCtlProcess.run(["run", folder.path("eingang"), "--workspace", workspace, "--json"])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(try Self.summary(result)["empty"] as? Bool == true)
        }
        let batches = try DatabaseQueue(path: workspace + "/scanctl.sqlite").read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch") }
        #expect(batches == 0)
        let notes = (try? FileManager.default.contentsOfDirectory(atPath: workspace + "/transfervermerke")) ?? []
        #expect(notes.isEmpty, "\(notes)")
    }

    @Test func reportsDuplicatesInsteadOfFilingAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let letter = Self.samples.appendingPathComponent("08-strassenschaden.png").path
        let copy = folder.url.appendingPathComponent("same-letter-other-name.png").path
        try FileManager.default.copyItem(atPath: letter, toPath: copy)

        let first = try ScanCtlProcess.run(["run", letter, copy, "--workspace", workspace.path, "--json", "--jobs", "1"])
        #expect(first.status == 0)
        let summary = try Self.summary(first)
        #expect((summary["documents"] as? [Any])?.count == 1 && summary["duplicates"] as? Int == 1)

        let second = try ScanCtlProcess.run(["run", letter, "--workspace", workspace.path, "--json", "--jobs", "1"])
        #expect(second.status == 0)
        #expect(try Self.summary(second)["duplicates"] as? Int == 1)
        #expect(try Self.documents(workspace).count == 1)
        #expect(try Self.actions(workspace)["file.duplicate"] == 2)
    }

    @Test func quarantinesBadInputWithItsReasonAndFilesTheRest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let empty = try folder.write("empty.tif", "")
        let notAnImage = try folder.write("letter.jpg", "Sehr geehrte Damen und Herren, dies ist kein Bild.")
        let png = try Data(contentsOf: Self.samples.appendingPathComponent("02-widerspruch-abfallgebuehren.png"))
        let truncated = folder.path("truncated.png")
        try png.prefix(png.count / 2).write(to: URL(fileURLWithPath: truncated))
        var inputs = [empty, notAnImage, truncated, Self.samples.appendingPathComponent("08-strassenschaden.png").path,
                      folder.path("missing.tif")]
        var bad = 4
        if Corpus.isAvailable {
            inputs += [Corpus.path("scans/docspell/bombs/20K-gray.png"),
                       Corpus.path("scans/docspell/secured/encrypted-test123.pdf"),
                       Corpus.path("scans/tesseract/testing/phototest.tif")]
            bad += 2
        }
        let result = try ScanCtlProcess.run(["run"] + inputs + ["--workspace", workspace.path, "--json", "--jobs", "2"])
        #expect(result.status == 0, "quarantines are a result of the run, not its failure")
        let summary = try Self.summary(result)
        #expect(summary["quarantined"] as? Int == bad)
        #expect((summary["filed"] as? Int ?? 0) + (summary["needsReview"] as? Int ?? 0) == inputs.count - bad)
        for name in ["empty.tif", "letter.jpg", "truncated.png", "missing.tif"] + (Corpus.isAvailable ? ["20K-gray.png", "encrypted-test123.pdf"] : []) {
            #expect(result.standardError.contains(name), "stderr names \(name)")
        }
        // Kept with the reason beside it; the missing file has only its reason.
        let kept = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("quarantine").path)
        #expect(kept.filter { $0.hasSuffix(".reason.json") }.count == bad)
        #expect(kept.contains { $0.hasSuffix("-letter.jpg") } && kept.contains { $0.hasSuffix("-truncated.png") })
        #expect(try Self.actions(workspace)["file.quarantined"] == bad)
        #expect(try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.path]).status == 0)
    }

    @Test func refusesAWorkspaceAnotherRunIsUsing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let first = try ScanCtlProcess.start(["run", Self.samples.path, "--workspace", workspace.path, "--quiet"])
        // Wait until the first run has opened its batch (and so holds the lock).
        let database = workspace.appendingPathComponent("scanctl.sqlite").path
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: database), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.3)
        let second = try ScanCtlProcess.run(["run", Self.samples.path, "--workspace", workspace.path])
        first.waitUntilExit()
        #expect(second.status == 2)
        #expect(second.standardError.contains("in use by another scanctl run"))
        #expect(first.terminationStatus == 0)
    }

    /// Killed at several points and run again: every input ends up exactly once, settled, with one
    /// record and one record.written event, and the audit chain intact.
    @Test func resumesAfterBeingKilledWithNothingLostOrRepeated() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let arguments = ["run", Self.samples.path, "--workspace", workspace.path, "--jobs", "2", "--quiet"]
        var kills = 0
        for delay in [0.6, 2.0, 3.5, 5.0] {
            if try ScanCtlProcess.runAndKill(arguments, after: delay) { kills += 1 }
        }
        #expect(kills >= 2, "the runs ended before they could be killed")
        // Without inputs, a run completes what the killed runs left; with them, it adds the rest.
        let resume = try ScanCtlProcess.run(["run", "--workspace", workspace.path, "--jobs", "2", "--quiet"])
        #expect(resume.status == 0, "\(resume.standardError)")
        let final = try ScanCtlProcess.run(arguments + ["--json"])
        #expect(final.status == 0, "\(final.standardError)")

        let documents = try Self.documents(workspace)
        #expect(documents.count == 8)
        #expect(Set(documents.map(\.sha)).count == 8)
        #expect(documents.allSatisfy { ["filed", "needs-review"].contains($0.state) && $0.record != nil })
        let records = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("records").path)
        #expect(records.sorted() == documents.compactMap { $0.record?.replacingOccurrences(of: "records/", with: "") }.sorted())
        let actions = try Self.actions(workspace)
        #expect(actions["record.written"] == 8 && actions["document.classified"] == 8 && actions["file.ingested"] == 8)
        #expect(actions["page.recognised"].map { $0 >= 11 } == true)
        let verify = try ScanCtlProcess.run(["audit", "verify", "--workspace", workspace.path])
        #expect(verify.status == 0, "\(verify.standardOutput)")
        // Every batch a kill left open was closed once its documents were settled.
        let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM batch WHERE closedAt IS NULL") } == 0)
    }
}
