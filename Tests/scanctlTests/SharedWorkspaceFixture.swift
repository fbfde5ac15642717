import Foundation
import TestSupport

/// A shared workspace for the CLI tests: a fresh database on the test server, a store folder,
/// and scanctl worker processes standing for hosts, each with its own scratch folder.
final class SharedWorkspaceFixture: @unchecked Sendable {
    let folder: TemporaryFolder
    let database: String
    var store: URL { folder.url.appendingPathComponent("store", isDirectory: true) }
    var inbox: URL { folder.url.appendingPathComponent("inbox", isDirectory: true) }

    init() throws {
        folder = try TemporaryFolder()
        database = try PostgresTestServer.freshDatabase()
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    func remove() {
        PostgresTestServer.dropDatabase(database)
        folder.remove()
    }

    var shared: [String] { ["--database", database, "--store", store.path] }

    /// `count` one-page scans in the inbox (distinct content each).
    func writePages(_ count: Int) throws { try PNGWriter.write(count: count, into: inbox, dpi: 100) }

    func run(_ arguments: [String]) throws -> ScanCtlProcess.Result { try ScanCtlProcess.run(arguments) }

    /// Registers the inbox as a batch for the workers.
    func enqueue() throws -> ScanCtlProcess.Result {
        try ScanCtlProcess.run(["run", inbox.path, "--enqueue-only", "--quiet"] + shared)
    }

    /// A worker process ("a host"), its output in a log file; `environment` adds to scanctl's.
    func startWorker(_ name: String, simulate seconds: Double = 0.3, lease: Int = 3, untilIdle: Bool = true,
                     environment: [String: String] = [:], extra: [String] = []) throws -> WorkerProcess {
        let scratch = folder.url.appendingPathComponent("scratch-\(name)", isDirectory: true)
        var arguments = ["worker", "--name", name, "--scratch", scratch.path, "--lease", String(lease),
                         "--retry-backoff", "0.2", "--poll", "0.2", "--simulate-ocr", String(seconds), "--jobs", "1"] + shared + extra
        if untilIdle { arguments.append("--until-idle") }
        return try WorkerProcess(arguments: arguments, log: folder.url.appendingPathComponent("\(name).log"), environment: environment)
    }

    func psql(_ sql: String) throws -> String { try PostgresTestServer.psql(sql, database: database).trimmingCharacters(in: .whitespacesAndNewlines) }

    func count(_ sql: String) throws -> Int { Int(try psql(sql)) ?? -1 }

    /// What a finished shared workspace must show whatever happened: every input exactly once as
    /// a settled document, each record folder a committed record's, no lease left, the trail verified.
    func checkEveryInputOnce(inputs: Int) throws -> [String] {
        var problems: [String] = []
        let sources = try count("SELECT COUNT(*) FROM sourceFile")
        if sources != inputs { problems.append("\(sources) source files registered for \(inputs) inputs") }
        let unsettled = try count("SELECT COUNT(*) FROM document WHERE state NOT IN ('filed', 'needs-review', 'quarantined')")
        if unsettled != 0 { problems.append("\(unsettled) documents not settled: " + (try psql("SELECT id || ' ' || state FROM document"))) }
        let perSource = try count("SELECT COUNT(*) FROM (SELECT sourceFile FROM document WHERE parent IS NULL GROUP BY sourceFile HAVING COUNT(*) <> 1) x")
        if perSource != 0 { problems.append("\(perSource) inputs with more or fewer than one document") }
        let leases = try count("SELECT COUNT(*) FROM document WHERE leaseOwner IS NOT NULL")
        if leases != 0 { problems.append("\(leases) leases left") }
        let recorded = Set(try psql("SELECT id FROM document WHERE recordPath IS NOT NULL").split(separator: "\n").map(String.init))
        let folders = Set(((try? FileManager.default.contentsOfDirectory(atPath: store.appendingPathComponent("records").path)) ?? [])
            .filter { !$0.hasPrefix(".") })
        if folders != recorded { problems.append("record folders \(folders.sorted()) but records \(recorded.sorted())") }
        let pageRows = try count("SELECT COUNT(*) FROM page")
        let pages = try count("SELECT COALESCE(SUM(pageCount), 0) FROM document WHERE parent IS NULL AND state <> 'quarantined'")
        if pageRows < pages { problems.append("\(pageRows) page rows for \(pages) pages") }
        let verify = try ScanCtlProcess.run(["audit", "verify"] + shared)
        if verify.status != 0 { problems.append("audit verify: \(verify.standardOutput) \(verify.standardError)") }
        return problems
    }
}

/// One `scanctl worker` process.
final class WorkerProcess: @unchecked Sendable {
    let process = Process()
    let log: URL

    init(arguments: [String], log: URL, environment: [String: String]) throws {
        self.log = log
        process.executableURL = ScanCtlProcess.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits for the process to end; false when it is still running after `seconds`.
    @discardableResult
    func wait(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { return false }
        process.waitUntilExit()
        return true
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    var killedBySIGKILL: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL }

    func stop() {
        if process.isRunning { signal(SIGKILL) }
        process.waitUntilExit()
    }
}

/// Waits until `condition` holds, at most `seconds`.
@discardableResult
func eventually(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return try condition()
}
