import Foundation
import TestSupport
import Testing

/// Several `scanctl worker` processes (standing for hosts, each with its own scratch folder) on one
/// shared workspace: a real PostgreSQL server and one store folder. Recognition is simulated
/// (`--simulate-ocr`: the page is decoded and written, then a wait) so that the faults land at
/// exact steps; everything else is the real pipeline.
@Suite(.serialized, .enabled(if: PostgresTestServer.isAvailable,
                             "needs the PostgreSQL test server (scripts/test.sh starts one; SCANCTL_TEST_POSTGRES)"))
struct SharedWorkspaceTests {
    @Test func twoWorkersShareABatchAndFileEveryInputOnce() throws {
        let fixture = try SharedWorkspaceFixture()
        defer { fixture.remove() }
        try fixture.writePages(8)
        // A ninth input, the same file again: a duplicate, which the batch's close counts though
        // a worker, not the ingesting run, closes it.
        try FileManager.default.copyItem(at: fixture.inbox.appendingPathComponent("stapel-000.png"),
                                         to: fixture.inbox.appendingPathComponent("stapel-000-kopie.png"))
        let enqueued = try fixture.enqueue()
        #expect(enqueued.status == 0, "\(enqueued.standardError)")
        #expect(try fixture.count("SELECT COUNT(*) FROM document WHERE state = 'separated'") == 8)
        let hostA = try fixture.startWorker("host-a")
        let hostB = try fixture.startWorker("host-b")
        #expect(hostA.wait(seconds: 120) && hostB.wait(seconds: 120))
        #expect(try fixture.checkEveryInputOnce(inputs: 8) == [])
        // Each document was claimed exactly once between the two hosts, and written once.
        #expect(claimed(hostA.output) + claimed(hostB.output) == 8, "\(hostA.output) \(hostB.output)")
        #expect(try fixture.count("SELECT COUNT(*) FROM auditEvent WHERE action = 'record.written'") == 8)
        #expect(try fixture.count("SELECT COUNT(*) FROM auditEvent WHERE action = 'batch.closed'") == 1)
        #expect(try fixture.count("SELECT (payload::jsonb->>'duplicates')::int FROM auditEvent WHERE action = 'batch.closed'") == 1)
        // Running the same files again on the shared store: duplicates, whichever host ingests.
        let again = try fixture.run(["run", fixture.inbox.path, "--enqueue-only", "--json"] + fixture.shared)
        #expect(again.standardOutput.contains("\"duplicates\" : 9") || again.standardOutput.contains("\"duplicates\":9"), "\(again.standardOutput)")
    }

    // The batch's settings travel in its batch.opened event: a worker with its own defaults
    // works on the documents as the run that enqueued them was told.
    @Test func aWorkerWorksOnABatchWithTheSettingsItWasEnqueuedWith() throws {
        let fixture = try SharedWorkspaceFixture()
        defer { fixture.remove() }
        try fixture.writePages(2)
        let enqueued = try fixture.run(["run", fixture.inbox.path, "--enqueue-only", "--quiet", "--schutzbedarf", "sehr-hoch"] + fixture.shared)
        #expect(enqueued.status == 0, "\(enqueued.standardError)")
        #expect(try fixture.count("SELECT COUNT(*) FROM auditEvent WHERE action = 'batch.opened' "
                                  + "AND payload::jsonb->'workSettings'->>'schutzbedarf' = 'sehr-hoch'") == 1)
        let host = try fixture.startWorker("host-a")
        #expect(host.wait(seconds: 60), "\(host.output)")
        #expect(try fixture.checkEveryInputOnce(inputs: 2) == [])
        #expect(try fixture.count("SELECT COUNT(*) FROM document WHERE schutzbedarf = 'sehr-hoch'") == 2)
    }

    @Test(arguments: ["after-ocr", "after-record-files", "after-commit"])
    func aWorkerKilledAtAStepLosesAndRepeatsNothing(point: String) throws {
        let fixture = try SharedWorkspaceFixture()
        defer { fixture.remove() }
        try fixture.writePages(3)
        #expect(try fixture.enqueue().status == 0)
        let killed = try fixture.startWorker("doomed", environment: ["SCANCTL_FAILPOINT": point])
        #expect(killed.wait(seconds: 60))
        #expect(killed.killedBySIGKILL, "\(killed.output)")
        // Another host takes the document over once the dead worker's lease lapses.
        let survivor = try fixture.startWorker("survivor")
        #expect(survivor.wait(seconds: 120), "\(survivor.output)")
        #expect(try fixture.checkEveryInputOnce(inputs: 3) == [])
        let trail = try fixture.psql("SELECT sequence || ' ' || action || ' ' || actorName || ' ' || COALESCE(document, '') FROM auditEvent ORDER BY sequence")
        #expect(try fixture.count("SELECT COUNT(*) FROM auditEvent WHERE action = 'record.written'") == 3, "\(trail)")
        if point != "after-commit" {
            #expect(try fixture.count("SELECT COUNT(*) FROM auditEvent WHERE action = 'document.lease-expired'") >= 1)
        }
    }

    @Test func aWorkerFrozenPastItsLeaseCommitsNothingWhenItWakes() throws {
        let fixture = try SharedWorkspaceFixture()
        defer { fixture.remove() }
        try fixture.writePages(1)
        #expect(try fixture.enqueue().status == 0)
        // Each page takes 3 s: the frozen worker is stopped mid-recognition.
        let frozen = try fixture.startWorker("frozen", simulate: 3, untilIdle: false)
        defer { frozen.stop() }
        #expect(try eventually(seconds: 20) { try fixture.count("SELECT COUNT(*) FROM document WHERE leaseOwner = 'frozen'") == 1 })
        frozen.signal(SIGSTOP)
        Thread.sleep(forTimeInterval: 4)  // past the 3 s lease
        let other = try fixture.startWorker("other")
        #expect(other.wait(seconds: 60), "\(other.output)")
        frozen.signal(SIGCONT)
        // Awake, the frozen worker's writes are refused; it must not file the page a second time.
        Thread.sleep(forTimeInterval: 5)
        frozen.signal(SIGTERM)
        #expect(frozen.wait(seconds: 30), "\(frozen.output)")
        #expect(try fixture.checkEveryInputOnce(inputs: 1) == [])
        #expect(try fixture.count("SELECT COUNT(*) FROM auditEvent WHERE action = 'record.written'") == 1)
        // Its one page is stored once, whichever worker recognised it.
        #expect(try fixture.count("SELECT COUNT(*) FROM page") == 1)
        // It knows it lost the document: the heartbeat found the lease gone, or a write was refused.
        #expect(frozen.output.contains(", 1 lease(s) lost"), "\(frozen.output)")
    }

    // A recognition that never comes back (a stuck engine; the lost answer of the PostgresNIO bug
    // had the same effect) while the heartbeat keeps the lease alive: the watchdog gives the
    // attempt up, and the document is worked on again, once.
    @Test func aStuckDocumentIsGivenUpAndWorkedOnAgain() throws {
        let fixture = try SharedWorkspaceFixture()
        defer { fixture.remove() }
        try fixture.writePages(2)
        #expect(try fixture.enqueue().status == 0)
        let host = try fixture.startWorker("host-a", environment: ["SCANCTL_FAILPOINT": "stall-ocr:1"],
                                           extra: ["--stall-timeout", "3"])
        #expect(host.wait(seconds: 90), "\(host.output)")
        #expect(host.output.contains("1 failed attempt(s) (1 stalled)"), "\(host.output)")
        #expect(try fixture.checkEveryInputOnce(inputs: 2) == [])
        #expect(try fixture.count("SELECT COUNT(*) FROM document WHERE lastError LIKE 'no progress for 3 s%'") == 1)
        #expect(try fixture.count("SELECT COUNT(*) FROM auditEvent WHERE action = 'record.written'") == 2)
    }

    // Cut often and close together, so that statements are written to connections already
    // closing: PostgresNIO leaves such a statement unanswered for ever, and before
    // PostgresStore.untilClosed a worker then hung with its lease held (about one run in two).
    @Test func connectionsCutMidBatchAreSurvived() throws {
        try survivesWhileTwoHostsWork { fixture in
            let name = PostgresTestServer.databaseName(of: fixture.database)
            var cut = 0
            for _ in 0..<8 {
                Thread.sleep(forTimeInterval: 0.35)
                cut += try PostgresTestServer.terminateBackends(database: name)
            }
            #expect(cut > 0, "the workers' connections were cut")
        }
    }

    @Test func theServerStoppedImmediatelyMidBatchAndStartedAgain() throws {
        try survivesWhileTwoHostsWork { fixture in
            #expect(try eventually(seconds: 30) { try fixture.count("SELECT COUNT(*) FROM auditEvent WHERE action = 'record.written'") >= 1 })
            try PostgresTestServer.stopImmediately()
            Thread.sleep(forTimeInterval: 2)
            try PostgresTestServer.start()
        }
    }

    /// Six pages enqueued and two hosts working on them (half a second a page) while `fault`
    /// happens; then both end and every input is there exactly once.
    private func survivesWhileTwoHostsWork(_ fault: (SharedWorkspaceFixture) throws -> Void) throws {
        let fixture = try SharedWorkspaceFixture()
        defer { fixture.remove() }
        try fixture.writePages(6)
        #expect(try fixture.enqueue().status == 0)
        let hosts = [try fixture.startWorker("host-a", simulate: 0.5), try fixture.startWorker("host-b", simulate: 0.5)]
        defer { hosts.forEach { $0.stop() } }
        try fault(fixture)
        for host in hosts { #expect(host.wait(seconds: 180), "\(host.output)") }
        #expect(try fixture.checkEveryInputOnce(inputs: 6) == [])
    }

    @Test func aRunOnTheSharedStoreWorksOnItsOwnBatchWithRealTesseract() throws {
        let fixture = try SharedWorkspaceFixture()
        defer { fixture.remove() }
        // The mailroom's stack of letters with separator sheets: split into documents after recognition.
        let stack = Repository.root.appendingPathComponent("samples/mailroom/posteingang-stapel.tif")
        let files = [stack.path]
        let run = try fixture.run(["run", "--jobs", "2", "--quiet", "--json"] + files + fixture.shared)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try fixture.checkEveryInputOnce(inputs: files.count) == [])
        let text = try fixture.psql("SELECT string_agg(text, ' ') FROM page")
        #expect(text.count > 100, "real text recognised: \(text.prefix(200))")
        // The workstation's and the CLI's reads go through the same store.
        let review = try fixture.run(["review", "list"] + fixture.shared)
        #expect(review.status == 0, "\(review.standardError)")
        let report = try fixture.run(["report", "--out", fixture.folder.url.appendingPathComponent("bericht.html").path] + fixture.shared)
        #expect(report.status == 0, "\(report.standardError)")
    }

    @Test func theSampleWorkspaceMovesFromSQLiteVerified() throws {
        let fixture = try SharedWorkspaceFixture()
        defer { fixture.remove() }
        let sqlite = fixture.folder.url.appendingPathComponent("sqlite-ws").path
        let stack = Repository.root.appendingPathComponent("samples/mailroom/posteingang-stapel.tif").path
        let run = try fixture.run(["run", stack, "--workspace", sqlite, "--jobs", "2", "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let before = try fixture.run(["review", "list", "--workspace", sqlite])
        let moved = try fixture.run(["workspace", "migrate", "--from", sqlite, "--to", fixture.database, "--store", fixture.store.path])
        #expect(moved.status == 0, "\(moved.standardOutput) \(moved.standardError)")
        #expect(moved.standardOutput.contains("Verified"), "\(moved.standardOutput)")
        let verify = try fixture.run(["audit", "verify", "--records"] + fixture.shared)
        #expect(verify.status == 0, "\(verify.standardOutput) \(verify.standardError)")
        let after = try fixture.run(["review", "list"] + fixture.shared)
        #expect(after.standardOutput == before.standardOutput)
        #expect(try fixture.count("SELECT COUNT(*) FROM auditEvent WHERE action = 'workspace.migrated'") == 1)
        // Moving again into the same database is refused: it is not empty.
        let again = try fixture.run(["workspace", "migrate", "--from", sqlite, "--to", fixture.database, "--store", fixture.store.path])
        #expect(again.status == 2)
    }

    /// How many documents a worker's summary line says it claimed.
    private func claimed(_ output: String) -> Int {
        guard let range = output.range(of: #"(\d+) claimed"#, options: .regularExpression) else { return -1 }
        return Int(output[range].split(separator: " ")[0]) ?? -1
    }
}
