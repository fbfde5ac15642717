import Foundation
import GRDB
import Testing
@testable import ScanPipeline
import TestSupport

/// The audit trail's end is anchored outside the database, and commands that write refuse a trail
/// that does not verify.
@Suite("audit trail anchors and the broken-trail gate, end to end")
struct TrailAnchorTests {
    static let letter = RunCommandTests.samples.appendingPathComponent("08-strassenschaden.png").path

    @Test func anIntactWorkspaceVerifiesWithEveryAnchorChecked() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        let verify = try ws.scanctl(["audit", "verify"])
        #expect(verify.status == 0, "\(verify.standardOutput)")
        // The head file, the Transfervermerk and the batch.closed head.
        #expect(verify.standardOutput.contains("3 anchor(s)"), "\(verify.standardOutput)")
        let head = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ws.root.appendingPathComponent("audit-head.json")))
                                as? [String: Any])
        #expect(head["sequence"] as? Int == (try ws.eventCount()))
        let closed = try #require(try ws.payloads("batch.closed").first?["auditHead"] as? [String: Any])
        #expect((closed["sequence"] as? Int).map { $0 > 0 } == true && (closed["hash"] as? String)?.count == 64)
    }

    @Test(arguments: [1, 3, 8])
    func aTrailCutAtItsEndIsFound(events: Int) throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        let before = try ws.eventCount()
        try ws.cutTrail(last: events)
        let verify = try ws.verify()
        #expect(verify.status == 1)
        let head = try #require(verify.problems.first { $0.kind == "head-file" }, "\(verify.problems)")
        #expect(head.message == "audit-head.json records event \(before), but the trail ends at event \(before - events): "
                + "the trail was cut (events \(before - events + 1)…\(before) are gone)")
        if events >= 2 {
            // The Transfervermerk pins the event before its own: cut too.
            #expect(verify.problems.contains { $0.kind == "transfervermerk" && $0.message.contains("the trail was cut") }, "\(verify.problems)")
        }
        // The triggers are back in place, so only the anchors tell.
        #expect(!verify.problems.contains { $0.kind == "trigger" })
        let text = try ws.scanctl(["audit", "verify"])
        #expect(text.status == 1 && text.standardOutput.hasPrefix("BROKEN: the chain of \(before - events) events fits together"))
    }

    /// Edited at one event and every hash from there on recomputed: the chain fits, its anchors do not.
    @Test func aChainRecomputedFromSomeEventOnIsFoundByItsAnchors() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        try ws.database().write { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_update")
            var events = try Row.fetchAll(db, sql: "SELECT \(AuditEvent.columns) FROM auditEvent ORDER BY sequence").map(AuditEvent.init(row:))
            let from = try #require(events.firstIndex { $0.action == "batch.opened" })
            events[from].payload = events[from].payload.replacingOccurrences(of: "Poststelle Test", with: "Someone Else")
            for index in from..<events.count {
                if index > 0 { events[index].previousHash = events[index - 1].hash }
                events[index].hash = events[index].computedHash
                try db.execute(sql: "UPDATE auditEvent SET payload = ?, previousHash = ?, hash = ? WHERE sequence = ?",
                               arguments: [events[index].payload, events[index].previousHash, events[index].hash, events[index].sequence])
            }
            try db.execute(sql: """
                CREATE TRIGGER auditEvent_no_update BEFORE UPDATE ON auditEvent
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be changed'); END
                """)
        }
        let verify = try ws.verify()
        #expect(verify.status == 1)
        #expect(!verify.problems.contains { $0.kind == "chain" }, "the recomputed chain fits together")
        #expect(verify.problems.contains { $0.kind == "head-file" && $0.message.contains("the trail was rewritten") }, "\(verify.problems)")
        #expect(verify.problems.contains { $0.kind == "transfervermerk" && $0.message.contains("the trail was rewritten") })
        #expect(verify.problems.contains { $0.kind == "batch-closed" }, "\(verify.problems)")
        let seal = try ws.scanctl(["audit", "verify-seal"])
        #expect(seal.status == 1 && seal.standardOutput.contains("with the sealed hash: it was rewritten"), "\(seal.standardOutput)")
    }

    @Test func aSealedWorkspaceReportsTheCutAsACut() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        try ws.cutTrail(last: 3)
        let seal = try ws.scanctl(["audit", "verify-seal", "--public-key", ws.template.publicKey])
        #expect(seal.status == 1)
        #expect(seal.standardOutput.contains("BROKEN: batch \(ws.template.batch)"), "\(seal.standardOutput)\(seal.standardError)")
        #expect(seal.standardOutput.contains("the audit trail was cut: the seal pins event"), "\(seal.standardOutput)")
        #expect(!seal.standardError.contains("records no sealed Transfervermerk"))
    }

    @Test func aHeadFileOneCommitBehindIsAcceptedButOneThatDisagreesIsNot() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        let earlier = try ws.database().read { db in
            try Row.fetchOne(db, sql: "SELECT sequence, hash FROM auditEvent ORDER BY sequence DESC LIMIT 1 OFFSET 1")
        }
        let sequence: Int64 = try #require(earlier)["sequence"]
        let hash: String = try #require(earlier)["hash"]
        let file = ws.root.appendingPathComponent("audit-head.json")
        // A crash between commit and rewrite leaves the file one commit behind.
        try AuditHeadFile(sequence: sequence, hash: hash, time: "2026-01-01T00:00:00.000Z").write(to: file)
        #expect(try ws.verify().status == 0)
        try AuditHeadFile(sequence: sequence, hash: String(repeating: "a", count: 64), time: "2026-01-01T00:00:00.000Z").write(to: file)
        let rewritten = try ws.verify()
        #expect(rewritten.status == 1 && rewritten.problems.map(\.kind) == ["head-file"])
        #expect(rewritten.problems.first?.message.contains("the trail was rewritten at or before event \(sequence)") == true)
        try FileManager.default.removeItem(at: file)
        #expect(try ws.verify().problems.map(\.message) == ["audit-head.json is missing: the trail's end cannot be checked against it"])
        // The next command that adds an event writes it again.
        #expect(try ws.scanctl(["review", "show", String(ws.template.filed.prefix(8))]).status == 0)
        #expect(try ws.scanctl(["review", "accept", String(ws.template.filed.prefix(8)), "--as", "a.schmidt"]).status == 0)
        #expect(try ws.verify().status == 0)
    }

    @Test func aDeletedTransfervermerkIsFound() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        try FileManager.default.removeItem(at: ws.root.appendingPathComponent("transfervermerke/\(ws.template.batch).json"))
        let verify = try ws.verify()
        #expect(verify.status == 1 && verify.problems.map(\.kind) == ["deleted-transfervermerk"], "\(verify.problems)")
        #expect(verify.problems.first?.message.hasPrefix("transfervermerke/\(ws.template.batch).json was deleted") == true)
    }

    @Test func droppedOrDisarmedTriggersAreFound() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        try ws.database().write { db in
            try db.execute(sql: "DROP TRIGGER auditEvent_no_delete; DROP TRIGGER auditEvent_no_update")
            try db.execute(sql: "CREATE TRIGGER auditEvent_no_update BEFORE UPDATE ON auditEvent BEGIN SELECT 1; END")
        }
        let verify = try ws.verify()
        #expect(verify.status == 1)
        #expect(verify.problems.map(\.message) == [
            "the append-only trigger auditEvent_no_delete is missing: the trail can be changed without a trace",
            "the append-only trigger auditEvent_no_update was altered: it no longer rejects the change",
        ])
    }

    /// A bare chain accepts an event appended with a correctly computed hash; the tables do not.
    @Test func anEventNamingADocumentTheWorkspaceDoesNotHaveIsFound() async throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        let workspace = try Workspace(root: ws.root, create: false)
        try await workspace.database.write { db in
            _ = try AuditTrail.append(db, actor: .person("someone"), rawAction: "record.exported",
                                      subjects: AuditSubjects(batch: "no-such-batch", document: "no-such-document"), payload: ["x": "y"])
        }
        let verify = try ws.verify()
        #expect(verify.status == 1)
        #expect(verify.problems.map(\.message) == ["the trail names document no-such-document, which the workspace does not have",
                                                   "the trail names batch no-such-batch, which the workspace does not have"])
        #expect(verify.problems.allSatisfy { $0.kind == "table" })
    }

    @Test func aFiledDocumentWithoutItsRecordWrittenEventIsFound() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        // The trail cut before the last record.written and the head file deleted with it: the
        // document's row still says it has a record.
        try ws.cutTrail(last: 3)
        try FileManager.default.removeItem(at: ws.root.appendingPathComponent("audit-head.json"))
        let verify = try ws.verify()
        let last = try ws.database().read { db in
            try String.fetchOne(db, sql: "SELECT id FROM document WHERE id NOT IN (SELECT document FROM auditEvent WHERE action = 'record.written')")
        }
        let document = try #require(last)
        #expect(verify.problems.contains { $0.kind == "table" && $0.message == "document \(document) has a record, but the trail records no record.written for it" })
        #expect(verify.problems.contains { $0.message == "batch \(ws.template.batch) is closed, but the trail records no batch.closed for it" })
    }

    @Test func runAndExportRefuseABrokenTrailAndWriteNothing() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        try ws.cutTrail(last: 2)
        let events = try ws.eventCount()
        let files = IntegrityWorkspace.snapshot(ws.root)

        let run = try ws.scanctl(["run", Self.letter, "--jobs", "1", "--quiet"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("the audit trail does not verify, so nothing is written to this workspace"), "\(run.standardError)")
        #expect(run.standardError.contains("audit-head.json records event") && run.standardError.contains("[broken-trail]"))
        let resume = try ws.scanctl(["run", "--quiet"])
        #expect(resume.status == 2 && resume.standardError.contains("[broken-trail]"), "\(resume.standardError)")
        let out = ws.folder.url.appendingPathComponent("out")
        let export = try ws.scanctl(["export", "--target", "json", "--out", out.path])
        #expect(export.status == 2 && export.standardError.contains("[broken-trail]"), "\(export.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try ws.eventCount() == events)
        #expect(IntegrityWorkspace.snapshot(ws.root) == files)
        #expect(try ws.database().read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM batch") } == 1)

        let accepted = try ws.scanctl(["export", "--target", "json", "--out", out.path, "--accept-broken-trail", "--operator", "R. Prüfer"])
        #expect(accepted.status == 0, "\(accepted.standardError)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))
        let acceptance = try #require(try ws.payloads("audit.broken-trail-accepted").first)
        #expect(acceptance["acceptedBy"] as? String == "R. Prüfer")
        let problems = try #require(acceptance["problems"] as? [[String: Any]])
        #expect(problems.contains { $0["kind"] as? String == "head-file" })
    }

    /// Run on the cut trail with --accept-broken-trail: the new batch is filed, the acceptance is
    /// in the trail, and the old batch's Transfervermerk (whose event the cut took) is not written again.
    @Test func anAcceptedRunNeverOverwritesATransfervermerkOrClosesABatchTwice() throws {
        let ws = try IntegrityWorkspace()
        defer { ws.remove() }
        let notes = ws.root.appendingPathComponent("transfervermerke")
        let old = try ["json", "txt", "seal.json"].map { try Data(contentsOf: notes.appendingPathComponent("\(ws.template.batch).\($0)")) }
        try ws.cutTrail(last: 2)

        let run = try ws.scanctl(["run", Self.letter, "--jobs", "1", "--quiet", "--accept-broken-trail", "--operator", "Poststelle Test"])
        #expect(run.status == 2, "the refused Transfervermerk is reported")
        #expect(run.standardError.contains("the Transfervermerk of batch \(ws.template.batch) exists, but the audit trail records none: "
                                           + "it is never overwritten"), "\(run.standardError)")
        let now = try ["json", "txt", "seal.json"].map { try Data(contentsOf: notes.appendingPathComponent("\(ws.template.batch).\($0)")) }
        #expect(now == old)
        let acceptance = try #require(try ws.payloads("audit.broken-trail-accepted").first)
        #expect(acceptance["acceptedBy"] as? String == "Poststelle Test")
        // The new batch went through, closed once and noted.
        let batches = try ws.database().read { db in
            try Row.fetchAll(db, sql: "SELECT id, closedAt FROM batch ORDER BY openedAt").map { ($0["id"] as String, $0["closedAt"] as String?) }
        }
        #expect(batches.count == 2 && batches.allSatisfy { $0.1 != nil })
        let newBatch = try #require(batches.last?.0)
        #expect(FileManager.default.fileExists(atPath: notes.appendingPathComponent("\(newBatch).json").path))
        #expect(try ws.payloads("batch.closed").count == 1, "the cut batch.closed is not written again for the old batch")

        // A batch the trail closed but whose row was reopened is not closed a second time.
        try ws.database().write { db in try db.execute(sql: "UPDATE batch SET closedAt = NULL WHERE id = ?", arguments: [newBatch]) }
        let verify = try ws.verify()
        #expect(verify.problems.contains { $0.message == "batch \(newBatch) is open, but the trail closed it" })
        let again = try ws.scanctl(["run", RunCommandTests.samples.appendingPathComponent("03-hundesteuer-abmeldung.jpg").path,
                                    "--jobs", "1", "--quiet", "--accept-broken-trail"])
        #expect(again.status == 2, "\(again.standardError)")
        let closes = try ws.database().read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = 'batch.closed' AND batch = ?", arguments: [newBatch])
        }
        #expect(closes == 1)
        #expect(try ws.payloads("audit.broken-trail-accepted").count == 2)
    }
}
