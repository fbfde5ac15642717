import Foundation

/// The throwaway PostgreSQL server that scripts/test.sh starts for the tests (scripts/postgres.sh),
/// found through the environment it exports:
///
/// - `SCANCTL_TEST_POSTGRES`: the server's URL, `postgresql://postgres@127.0.0.1:PORT/postgres`
/// - `SCANCTL_TEST_PG_BIN`: the folder of `pg_ctl` and `psql`
/// - `SCANCTL_TEST_PG_DATA`: the cluster's data folder
/// - `SCANCTL_TEST_PG_PORT`: its TCP port on 127.0.0.1
/// - `SCANCTL_TEST_PG_USER`: the OS user that owns the cluster (`postgres` when the tests run as root)
/// - `SCANCTL_TEST_PG_LOG` (optional): the server's log file
///
/// Each test works in a database of its own (`freshDatabase()`), so tests may run in parallel;
/// the fault helpers (`stopImmediately()`, `start()`) act on the whole server and are for
/// serialized tests only. Tests without the server are skipped with `skipReason`.
public enum PostgresTestServer {
    /// A failed command, with what it printed, so a test failure says why.
    public struct Failure: Error, CustomStringConvertible {
        public let command: [String]
        public let status: Int32
        public let output: String

        public var description: String {
            "\(command.joined(separator: " ")) failed (exit \(status)): \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }

    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The server's URL (its `postgres` database), or nil without a server.
    public static var url: String? { nonEmpty("SCANCTL_TEST_POSTGRES") }

    /// The TCP port on 127.0.0.1.
    public static var port: Int? { nonEmpty("SCANCTL_TEST_PG_PORT").flatMap { Int($0) } }

    /// Why PostgreSQL tests cannot run here, or nil when the server is there.
    /// `@Test(.disabled(if: PostgresTestServer.skipReason != nil, "…"))`, or check it at the start of a test.
    public static var skipReason: String? {
        guard url != nil else {
            return "no PostgreSQL server for the tests (SCANCTL_TEST_POSTGRES unset): run the tests through scripts/test.sh"
        }
        guard port != nil else { return "SCANCTL_TEST_PG_PORT is unset or not a number" }
        guard nonEmpty("SCANCTL_TEST_PG_DATA") != nil else { return "SCANCTL_TEST_PG_DATA is unset" }
        return nil
    }

    /// True when the server is there (`skipReason == nil`).
    public static var isAvailable: Bool { skipReason == nil }

    /// The URL of `database` on the test server.
    public static func url(database name: String) throws -> String {
        guard let port else { throw unavailable() }
        return "postgresql://postgres@127.0.0.1:\(port)/\(name)"
    }

    /// The database a `postgresql://…/NAME` URL names (query and fragment ignored).
    public static func databaseName(of url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return path.split(separator: "/").last.map(String.init)?.removingPercentEncoding ?? path
    }

    /// Creates a new, empty database with a unique name and returns its URL.
    /// Remove it with `dropDatabase(_:)` (`defer`); the cluster itself is removed after the run anyway.
    public static func freshDatabase() throws -> String {
        guard let server = url else { throw unavailable() }
        // Lowercase letters, digits and _ only: no quoting surprises in SQL, URLs or shells.
        let name = "scanctl_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try psql("CREATE DATABASE \(identifier(name))", database: server)
        return try url(database: name)
    }

    /// Drops the database of `url`, closing its connections first (`WITH (FORCE)`).
    /// Best effort, for `defer`: a database that is gone, or a server that a test stopped, is no error.
    public static func dropDatabase(_ url: String) {
        guard let server = self.url else { return }
        _ = try? psql("DROP DATABASE IF EXISTS \(identifier(databaseName(of: url))) WITH (FORCE)", database: server)
    }

    /// Runs `sql` with psql against the database of `url` and returns what it printed:
    /// unaligned, tuples only (`-A -t`), so a single value comes back as its text plus a newline.
    /// Stops at the first error and throws it (`ON_ERROR_STOP`); no ~/.psqlrc (`-X`).
    @discardableResult
    public static func psql(_ sql: String, database url: String) throws -> String {
        try run([tool("psql"), "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
    }

    /// Ends every other connection to the database `name` (as if the server had killed them),
    /// and returns how many it ended.
    @discardableResult
    public static func terminateBackends(database name: String) throws -> Int {
        guard let server = url else { throw unavailable() }
        let output = try psql("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = \(literal(name)) AND pid <> pg_backend_pid()
            """, database: server)
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Kills the server the way a crash would (`pg_ctl stop -m immediate`): no checkpoint,
    /// connections cut; the next `start()` runs crash recovery. Affects every test using the server.
    public static func stopImmediately() throws {
        try pgCtl(["stop", "-m", "immediate", "-w", "-t", "60"])
    }

    /// Starts the server again after `stopImmediately()` and waits until it accepts connections.
    /// Port, address and socket folder are in the cluster's postgresql.conf (scripts/postgres.sh
    /// wrote them), so it comes back on the same URL. Does nothing when it is already running.
    public static func start() throws {
        if try isRunning() { return }
        let log = try nonEmpty("SCANCTL_TEST_PG_LOG")
            ?? dataFolder().deletingLastPathComponent().appendingPathComponent("postgres.log").path
        try pgCtl(["start", "-w", "-t", "60", "-l", log], detached: true)
    }

    /// Whether the server is running (`pg_ctl status`).
    public static func isRunning() throws -> Bool {
        do {
            try pgCtl(["status"])
            return true
        } catch let failure as Failure where failure.status == 3 { // 3: no server running
            return false
        }
    }

    // MARK: - Running commands

    private static func nonEmpty(_ key: String) -> String? {
        guard let value = environment[key], !value.isEmpty else { return nil }
        return value
    }

    private static func unavailable() -> Failure {
        Failure(command: [], status: -1, output: skipReason ?? "no PostgreSQL server for the tests")
    }

    private static func dataFolder() throws -> URL {
        guard let data = nonEmpty("SCANCTL_TEST_PG_DATA") else { throw unavailable() }
        return URL(fileURLWithPath: data)
    }

    /// `name` from SCANCTL_TEST_PG_BIN when it is there, else from PATH: Debian's /usr/bin/psql is
    /// a wrapper that wants a configured cluster, the bin folder's is the real one.
    private static func tool(_ name: String) -> String {
        if let bin = nonEmpty("SCANCTL_TEST_PG_BIN") {
            let path = URL(fileURLWithPath: bin).appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return name
    }

    /// pg_ctl on the cluster, as its owner: as root we must switch user, because the server
    /// refuses to run as root and the data folder belongs to SCANCTL_TEST_PG_USER.
    /// `detached`: the command leaves a daemon behind (the server), which must not inherit our file
    /// descriptors: Foundation's `Process` waits for a descriptor that it shares with the child to
    /// close, so a server holding it makes `waitUntilExit()` hang. A bash wrapper closes them first.
    @discardableResult
    private static func pgCtl(_ arguments: [String], detached: Bool = false) throws -> String {
        let data = try dataFolder()
        var command = [tool("pg_ctl")] + arguments + ["-D", data.path]
        if geteuid() == 0, let user = nonEmpty("SCANCTL_TEST_PG_USER"), user != "root" {
            command = ["runuser", "-u", user, "--"] + command
        }
        if detached {
            let closeInherited = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; if ((n > 2)); then eval "exec $n>&-"; fi; done; exec "$@""#
            command = ["bash", "-c", closeInherited, "bash"] + command
        }
        // From the cluster's own folder: pg_ctl fails when the owner cannot read the current directory.
        return try run(command, in: data.deletingLastPathComponent())
    }

    /// Runs `command` (its first element looked up on PATH unless it is a path), waits, and returns
    /// its stdout; throws `Failure` with stderr on a nonzero exit. Output goes through files, not
    /// pipes: a server that pg_ctl starts must not hold our pipe open, and big output cannot block.
    private static func run(_ command: [String], in folder: URL? = nil) throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("scanctl-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout"), stderrURL = scratch.appendingPathComponent("stderr")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        let stdout = try FileHandle(forWritingTo: stdoutURL), stderr = try FileHandle(forWritingTo: stderrURL)
        defer { try? stdout.close(); try? stderr.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        var environment = self.environment
        environment["PGCONNECT_TIMEOUT"] = environment["PGCONNECT_TIMEOUT"] ?? "10" // a stopped server fails fast
        environment["LC_MESSAGES"] = "C" // English errors in test failures
        process.environment = environment
        if let folder { process.currentDirectoryURL = folder }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()

        let output = String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let errors = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
            throw Failure(command: command, status: process.terminationStatus, output: errors.isEmpty ? output : errors)
        }
        return output
    }

    /// `name` as an SQL identifier.
    private static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` as an SQL string literal.
    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
