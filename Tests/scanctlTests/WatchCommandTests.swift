import Foundation
import GRDB
import Testing
import TestSupport

/// `scanctl watch` end to end, as a scanner and an operator's Monday would use it: files written
/// slowly, renamed in, marked ready, in a burst, a bad one among good ones; killed with -9 at
/// random moments and restarted; stopped with SIGTERM. Every file must end in done/ or failed/
/// exactly once, and the workspace must hold each once.
@Suite("scanctl watch, end to end", .serialized)
struct WatchCommandTests {
    /// A hot folder with its workspace and a watcher process.
    final class Scene: @unchecked Sendable {
        let folder = try! TemporaryFolder(prefix: "scanctl-watch")
        var inbox: URL { folder.url.appendingPathComponent("eingang") }
        var workspace: URL { folder.url.appendingPathComponent("ws") }
        let port = Int.random(in: 20000...40000)
        var process: Process?
        var extra: [String] = []

        init(_ extra: [String] = []) throws {
            self.extra = extra
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        }

        var day: String {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.locale = Locale(identifier: "en_US_POSIX")
            return formatter.string(from: Date())
        }

        func start() throws {
            process = try ScanCtlProcess.start(["watch", inbox.path, "--workspace", workspace.path, "--settle-seconds", "1",
                                                "--quiet-seconds", "1", "--poll-seconds", "0.2", "--jobs", "1",
                                                "--listen", "127.0.0.1:\(port)"] + extra)
        }

        /// Sends `signal` and waits for the process to end; returns its exit status and how long it took.
        @discardableResult
        func stop(_ signal: Int32 = SIGTERM) -> (status: Int32, seconds: Double) {
            guard let process else { return (0, 0) }
            let started = Date()
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            self.process = nil
            return (process.terminationStatus, Date().timeIntervalSince(started))
        }

        func names(in folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: self.folder.path(folder))) ?? []).sorted()
        }

        var waiting: [String] { names(in: "eingang") }
        var done: [String] { names(in: "done/\(day)") }
        var failed: [String] { names(in: "failed/\(day)") }

        /// Waits until `condition` holds (polling), at most `seconds`.
        @discardableResult
        func wait(_ seconds: Double, until condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition() { return true }
                Thread.sleep(forTimeInterval: 0.2)
            }
            return condition()
        }

        func count(_ sql: String) throws -> Int {
            try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path).read { db in
                try Int.fetchOne(db, sql: sql) ?? 0
            }
        }

        func metrics() throws -> String {
            try ScanCtlProcess.output("/usr/bin/curl", ["-s", "http://127.0.0.1:\(port)/metrics"])
        }

        func copy(_ sample: String, as name: String) throws {
            try FileManager.default.copyItem(atPath: sample, toPath: inbox.appendingPathComponent(name).path)
        }

        deinit {
            if let process, process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
            folder.remove()
        }
    }

    static let letters = RunCommandTests.sampleFiles.filter { !$0.contains("vertraulich") }

    @Test func slowWritesRenamesAndABadFileAmongGoodOnesEachEndWhereTheyBelong() throws {
        let scene = try Scene()
        try scene.start()
        // Written in five chunks, 0.6 s apart (each gap shorter than the settle time): never taken half-written.
        let slow = try Data(contentsOf: URL(fileURLWithPath: Self.letters[0]))
        let handle = try FileHandle(forWritingTo: {
            let url = scene.inbox.appendingPathComponent("langsam.tif")
            FileManager.default.createFile(atPath: url.path, contents: nil)
            return url
        }())
        for chunk in 0..<5 {
            let size = slow.count / 5
            try handle.write(contentsOf: slow.subdata(in: chunk * size ..< (chunk == 4 ? slow.count : (chunk + 1) * size)))
            Thread.sleep(forTimeInterval: 0.6)
        }
        try handle.close()
        // Copied under a temporary name, then renamed (as SMB clients and scanners do).
        try scene.copy(Self.letters[1], as: "umbenannt.png.part")
        Thread.sleep(forTimeInterval: 2)
        try FileManager.default.moveItem(at: scene.inbox.appendingPathComponent("umbenannt.png.part"),
                                         to: scene.inbox.appendingPathComponent("umbenannt.png"))
        try Data("%PDF-1.4\nnot a PDF at all".utf8).write(to: scene.inbox.appendingPathComponent("kaputt.pdf"))

        #expect(scene.wait(180) { scene.waiting.isEmpty }, "still waiting: \(scene.waiting)")
        #expect(scene.done == ["langsam.tif", "umbenannt.png"], "\(scene.done)")
        #expect(scene.failed == ["kaputt.pdf"], "\(scene.failed)")
        #expect(try scene.count("SELECT COUNT(*) FROM document WHERE state = 'quarantined'") == 1, "only the bad file is quarantined")
        let metrics = try scene.metrics()
        #expect(metrics.contains("outcome=\"done\"} 2") && metrics.contains("outcome=\"failed\"} 1"), "\(metrics)")
        // Idle: no empty batches.
        let batches = try scene.count("SELECT COUNT(*) FROM batch")
        Thread.sleep(forTimeInterval: 3)
        #expect(try scene.count("SELECT COUNT(*) FROM batch") == batches)
        let stopped = scene.stop()
        #expect(stopped.status == 0)
        #expect(try ScanCtlProcess.run(["audit", "verify", "--workspace", scene.workspace.path]).status == 0)
    }

    @Test func withReadyMarkersAFileWaitsForItsMarkerAndMovesWithIt() throws {
        let scene = try Scene(["--ready-marker"])
        try scene.start()
        try scene.copy(Self.letters[2], as: "brief.jpg")
        Thread.sleep(forTimeInterval: 4)
        #expect(scene.waiting == ["brief.jpg"], "not taken without its marker")
        try Data().write(to: scene.inbox.appendingPathComponent("brief.jpg.ready"))
        #expect(scene.wait(120) { scene.waiting.isEmpty }, "\(scene.waiting)")
        #expect(scene.done == ["brief.jpg", "brief.jpg.ready"])
        #expect(scene.stop().status == 0)
    }

    /// 50 small scans at once (distinct content): one batch or a few, every one filed once.
    @Test func aBurstOfFiftyFilesIsHandledOnceEach() throws {
        let scene = try Scene()
        try PNGWriter.write(count: 50, into: scene.inbox)
        try scene.start()
        #expect(scene.wait(300) { scene.waiting.isEmpty }, "\(scene.waiting.count) still waiting")
        #expect(scene.done.count == 50 && scene.failed.isEmpty, "done \(scene.done.count), failed \(scene.failed)")
        #expect(try scene.count("SELECT COUNT(*) FROM sourceFile") == 50)
        #expect(try scene.count("SELECT COUNT(*) FROM document") == 50)
        #expect(try scene.count("SELECT COUNT(*) FROM batch") <= 5, "grouped into batches, not one per file")
        scene.stop()
    }

    /// Killed with -9 at random moments, restarted each time: at the end every file is in done/
    /// once, the workspace holds each once, and the audit trail verifies.
    @Test func killedAtRandomMomentsEveryFileIsHandledOnce() throws {
        let scene = try Scene()
        let files = Array(Self.letters.prefix(5))
        for file in files { try scene.copy(file, as: (file as NSString).lastPathComponent) }
        var generator = SeededGenerator(seed: 20261203)
        for _ in 0..<4 {
            try scene.start()
            Thread.sleep(forTimeInterval: Double.random(in: 1.5...7, using: &generator))
            scene.stop(SIGKILL)
        }
        try scene.start()
        #expect(scene.wait(240) { scene.waiting.isEmpty }, "\(scene.waiting)")
        scene.stop()
        #expect(scene.done == files.map { ($0 as NSString).lastPathComponent }.sorted(), "\(scene.done)")
        #expect(try scene.count("SELECT COUNT(*) FROM sourceFile") == files.count)
        #expect(try scene.count("SELECT COUNT(*) FROM document WHERE state IN ('filed', 'needs-review')") == files.count)
        #expect(try scene.count("SELECT COUNT(*) FROM batch WHERE closedAt IS NULL") == 0)
        let verify = try ScanCtlProcess.run(["audit", "verify", "--workspace", scene.workspace.path])
        #expect(verify.status == 0, "\(verify.standardOutput)")
    }

    /// SIGTERM while a batch runs: the watcher stops at the next page, exits 0, and what it did not
    /// start is done by the next start.
    @Test func sigtermStopsAtTheNextPageAndTheRestIsDoneOnRestart() throws {
        let scene = try Scene()
        for file in Self.letters.prefix(5) { try scene.copy(file, as: (file as NSString).lastPathComponent) }
        try scene.start()
        #expect(scene.wait(120) { (try? scene.count("SELECT COUNT(*) FROM page")) ?? 0 >= 1 }, "a page was recognised")
        let stopped = scene.stop(SIGTERM)
        #expect(stopped.status == 0)
        // One page per worker in flight at most (here about 2 s each), with generous room for a slow machine.
        #expect(stopped.seconds < 30, "took \(stopped.seconds) s to stop")
        #expect(!scene.waiting.isEmpty, "stopped before the batch was through")
        try scene.start()
        #expect(scene.wait(240) { scene.waiting.isEmpty }, "\(scene.waiting)")
        scene.stop()
        #expect(scene.done.count == 5)
        #expect(try scene.count("SELECT COUNT(*) FROM sourceFile") == 5)
    }
}
