import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

/// Record files are checked against the hashes the audit trail recorded, whenever they are read.
@Suite("record files checked against the audit trail, end to end")
struct RecordIntegrityTests {
    @Test func anUntouchedWorkspaceChecksOutAndExportsTheRecordedBytes() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        let verify = try ws.scanctl(["audit", "verify", "--records"])
        #expect(verify.status == 0, "\(verify.standardOutput)")
        #expect(verify.standardOutput.contains("4 record file(s)"))
        let out = ws.folder.url.appendingPathComponent("out")
        let export = try ws.scanctl(["export", "--target", "json", "--out", out.path])
        #expect(export.status == 0, "\(export.standardError)")
        // The manifest's hash is the one the trail recorded when the record was written.
        let written = try #require(try ws.payloads("record.written").first { $0["record"] as? String == ws.template.filed })
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json")))
                                    as? [String: Any])
        let entry = try #require((manifest["records"] as? [[String: Any]])?.first)
        #expect(entry["pdfSHA256"] as? String == written["pdfSHA256"] as? String)
        #expect(try Data(contentsOf: out.appendingPathComponent("\(ws.template.filed).pdf")).sha256Hex == written["pdfSHA256"] as? String)
        #expect(try ws.payloads("record.integrity-failed").isEmpty)
    }

    @Test func aFlippedByteInThePDFIsRefusedWhereverTheRecordIsRead() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        let filed = ws.template.filed
        let pdf = ws.record(filed, "document.pdf")
        let recorded = try #require(try ws.payloads("record.written").first { $0["record"] as? String == filed }?["pdfSHA256"] as? String)
        try IntegrityWorkspace.flipByte(pdf)
        let found = try Data(contentsOf: pdf).sha256Hex
        let named = "records/\(filed)/document.pdf: changed since it was written (SHA-256 \(recorded) recorded by event "

        let show = try ws.scanctl(["review", "show", String(filed.prefix(8))])
        #expect(show.status == 2 && show.standardError.contains(named), "\(show.standardError)")
        #expect(show.standardError.contains("now \(found)) [record-integrity]"))
        for target in ["json", "xdomea", "d3"] {
            let out = ws.folder.url.appendingPathComponent("out-\(target)")
            let export = try ws.scanctl(["export", "--target", target, "--out", out.path])
            #expect(export.status == 2 && export.standardError.contains(named), "\(target): \(export.standardError)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(target) wrote nothing")
        }
        #expect(try ws.payloads("record.exported").isEmpty)

        // The report shows the review queue's pages: the letter in review, tampered the same way.
        try IntegrityWorkspace.flipByte(ws.record(ws.template.inReview, "document.pdf"))
        let report = try ws.scanctl(["report", "--out", ws.folder.path("report.html")])
        #expect(report.status == 2 && report.standardError.contains("records/\(ws.template.inReview)/document.pdf: changed"),
                "\(report.standardError)")

        let verify = try ws.verify(records: true)
        #expect(verify.status == 1)
        let changed = verify.problems.filter { $0.kind == "record-changed" }.map(\.message)
        #expect(changed.count == 2 && verify.problems.count == 2, "\(verify.problems)")
        for document in [filed, ws.template.inReview] {
            #expect(changed.contains { $0.hasPrefix("records/\(document)/document.pdf: changed since it was written") })
        }

        // Each refusal is in the trail with the file and both hashes.
        let failures = try ws.payloads("record.integrity-failed")
        #expect(failures.count >= 5)
        let first = try #require(failures.first)
        #expect(first["file"] as? String == "records/\(filed)/document.pdf" && first["problem"] as? String == "changed")
        #expect(first["expected"] as? String == recorded && first["found"] as? String == found)
        // Refusing is not breaking: the trail itself still verifies.
        #expect(try ws.verify().status == 0)
    }

    @Test func anEditedPlanCodeInMetadataIsRefused() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        let filed = ws.template.filed
        let file = ws.record(filed, "metadata.json")
        var metadata = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var plan = try #require(metadata["plan"] as? [String: Any])
        #expect(plan["code"] as? String == "632.10")
        plan["code"] = "701"
        metadata["plan"] = plan
        try JSONSerialization.data(withJSONObject: metadata, options: [.prettyPrinted, .sortedKeys]).write(to: file)

        let named = "records/\(filed)/metadata.json: changed since it was written"
        let show = try ws.scanctl(["review", "show", String(filed.prefix(8))])
        #expect(show.status == 2 && show.standardError.contains(named), "\(show.standardError)")
        let list = try ws.scanctl(["review", "list", "--state", "all"])
        #expect(list.status == 2 && list.standardError.contains(named), "\(list.standardError)")
        let accept = try ws.scanctl(["review", "accept", String(filed.prefix(8)), "--as", "a.schmidt"])
        #expect(accept.status == 2 && accept.standardError.contains(named), "\(accept.standardError)")
        let out = ws.folder.url.appendingPathComponent("out")
        let export = try ws.scanctl(["export", "--target", "json", "--out", out.path])
        #expect(export.status == 2 && export.standardError.contains(named), "\(export.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let report = try ws.scanctl(["report", "--out", ws.folder.path("report.html")])
        #expect(report.status == 2 && report.standardError.contains(named), "\(report.standardError)")
        let verify = try ws.verify(records: true)
        #expect(verify.status == 1 && verify.problems.map(\.kind) == ["record-changed"], "\(verify.problems)")
        #expect(try ws.payloads("record.integrity-failed").allSatisfy { $0["file"] as? String == "records/\(filed)/metadata.json" })
        #expect(try ws.payloads("document.reviewed").isEmpty, "nothing was reviewed on the edited record")
    }

    @Test func anExtraFileIsUnexpectedAndADeletedOneMissing() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        try Data("not from scanctl".utf8).write(to: ws.record(ws.template.filed, "notes.txt"))
        try FileManager.default.removeItem(at: ws.record(ws.template.inReview, "document.pdf"))
        try FileManager.default.createDirectory(at: ws.root.appendingPathComponent("records/stray"), withIntermediateDirectories: true)

        let verify = try ws.verify(records: true)
        #expect(verify.status == 1)
        #expect(verify.problems.map(\.kind).sorted() == ["record-missing", "record-unexpected", "record-unexpected"], "\(verify.problems)")
        #expect(verify.problems.contains { $0.message.hasPrefix("records/\(ws.template.filed)/notes.txt: not written by scanctl") })
        #expect(verify.problems.contains { $0.message.hasPrefix("records/\(ws.template.inReview)/document.pdf: missing (SHA-256 ") })
        #expect(verify.problems.contains { $0.message.hasPrefix("records/stray:") })
        let text = try ws.scanctl(["audit", "verify", "--records"])
        #expect(text.status == 1 && text.standardOutput.contains("record-missing: records/\(ws.template.inReview)/document.pdf"))

        let show = try ws.scanctl(["review", "show", String(ws.template.inReview.prefix(8))])
        #expect(show.status == 2 && show.standardError.contains("document.pdf: missing"), "\(show.standardError)")
        let export = try ws.scanctl(["export", "--target", "json", "--state", "all", "--out", ws.folder.path("out")])
        #expect(export.status == 2 && export.standardError.contains("document.pdf: missing"), "\(export.standardError)")
        #expect(try ws.payloads("record.integrity-failed").contains { $0["problem"] as? String == "missing" })
    }

    /// After a reclassification the record's files are rewritten: the later event is the reference.
    @Test func aReviewRewriteIsTheNewReferenceAndCannotLaunderATamperedFile() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        let filed = String(ws.template.filed.prefix(8))
        let moved = try ws.scanctl(["review", "reclassify", filed, "701", "--reason", "belongs to the roads office", "--as", "a.schmidt"])
        #expect(moved.status == 0, "\(moved.standardError)")
        #expect(try ws.payloads("record.rewritten").count == 1)
        #expect(try ws.verify(records: true).status == 0)
        #expect(try ws.scanctl(["review", "show", filed]).status == 0)

        try IntegrityWorkspace.flipByte(ws.record(ws.template.filed, "document.pdf"))
        let again = try ws.scanctl(["review", "reclassify", filed, "632.10", "--reason", "back to building after all", "--as", "a.schmidt"])
        #expect(again.status == 2 && again.standardError.contains("document.pdf: changed since it was written"), "\(again.standardError)")
        #expect(try ws.payloads("record.rewritten").count == 1, "the tampered PDF was not rewritten as scanctl's own")
        #expect(try ws.payloads("document.reviewed").count == 1, "the refused review changed nothing")
    }
}
