import Foundation
import Testing
import TestSupport

/// A guard for the pitfall of issue 15: inside an async function, `try database.read { … }` without
/// `await` still compiles when the closure returns a non-Sendable value, and silently picks GRDB's
/// *blocking* overload, which holds a thread of the cooperative pool while SQLite works. This scans
/// Sources/ScanPipeline for GRDB reads and writes without `await` inside async functions.
@Suite("No blocking database access in async code")
struct BlockingDatabaseAccessTests {
    /// A GRDB access that blocks when called without `await`.
    static let access = try! NSRegularExpression(
        pattern: #"\b(database|pool|reader|writer|dbPool|dbQueue)\.(read|write|unsafeRead|writeWithoutTransaction|barrierWriteWithoutTransaction|inDatabase)\s*(\{|\()"#)
    static let function = try! NSRegularExpression(pattern: #"\b(func\s+\w+|init[?!]?)\s*(<[^>]*>)?\s*\("#)

    struct Finding: CustomStringConvertible {
        var file: String
        var line: Int
        var text: String
        var description: String { "\(file):\(line): \(text.trimmingCharacters(in: .whitespaces))" }
    }

    /// The blocking accesses in `source` whose enclosing function is async. Heuristic by design:
    /// the enclosing function is the nearest `func`/`init` above; an access inside a
    /// `BlockingWork.run { }` closure is allowed (that closure runs on a GCD queue).
    static func findings(in source: String, file: String) -> [Finding] {
        let lines = source.components(separatedBy: "\n")
        var found: [Finding] = []
        var signature = ""  // the nearest function declaration above, up to its `{`
        var blockingClosure = false
        var collecting = false
        for (index, line) in lines.enumerated() {
            let range = NSRange(line.startIndex..., in: line)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") { continue }
            if function.firstMatch(in: line, range: range) != nil {
                signature = ""
                blockingClosure = false
                collecting = true
            }
            if collecting {
                signature += " " + line
                if line.contains("{") { collecting = false }
            }
            if line.contains("BlockingWork.run") { blockingClosure = true }
            guard access.firstMatch(in: line, range: range) != nil else { continue }
            let isAsync = signature.range(of: #"\basync\b"#, options: .regularExpression) != nil
            if isAsync, !blockingClosure, !line.contains("await") {
                found.append(Finding(file: file, line: index + 1, text: line))
            }
        }
        return found
    }

    @Test func asyncFunctionsAwaitTheirDatabaseReadsAndWrites() throws {
        let sources = Repository.url("Sources/ScanPipeline")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil),
                                 "\(sources.path) is missing")
        var scanned = 0
        var findings: [Finding] = []
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            scanned += 1
            findings += Self.findings(in: text, file: String(url.path.dropFirst(Repository.root.path.count + 1)))
        }
        #expect(scanned > 50, "scanned only \(scanned) files below \(sources.path)")
        let listed = findings.map(\.description).joined(separator: "\n")
        #expect(findings.isEmpty, "blocking GRDB access in async functions (write `try await database.read`):\n\(listed)")
    }

    /// The scanner itself: it finds the pitfall, and leaves awaited, synchronous and
    /// BlockingWork-wrapped accesses alone.
    @Test func findsTheBlockingFormOnlyInAsyncFunctions() {
        let source = """
            func count() async throws -> Int {
                let rows = try database.read { db in try Row.fetchAll(db, sql: "SELECT 1") }
                return rows.count
            }
            func awaited() async throws -> Int {
                try await database.read { db in 1 }
            }
            func synchronous() throws -> Int {
                try database.read { db in 1 }
            }
            func wrapped() async throws -> Int {
                try await BlockingWork.run {
                    try database.read { db in 1 }
                }
            }
            """
        let found = Self.findings(in: source, file: "Example.swift")
        #expect(found.map(\.line) == [2])
    }
}
