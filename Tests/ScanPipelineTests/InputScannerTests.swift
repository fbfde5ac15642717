import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

/// The input walk: every entry processed or named, nothing opened that could block, names kept as bytes.
@Suite("Input walk")
struct InputScannerTests {
    /// Runs `work` on a thread and reports whether it finished within `seconds` (a FIFO opened for
    /// reading would block it for ever).
    static func finishes<Value: Sendable>(within seconds: Double, _ work: @escaping @Sendable () throws -> Value) -> Value? {
        let result = LockedValue<Value?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let value = try? work()
            result.withLock { $0 = value }
            done.signal()
        }
        return done.wait(timeout: .now() + seconds) == .success ? result.withLock { $0 } : nil
    }

    @Test func refusesFIFOsAndDevicesWithinASecond() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.url.appendingPathComponent("scan.tif").path
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("zero.jpg").path,
                                                   withDestinationPath: "/dev/zero")
        let scanner = InputScanner(aliasFolder: folder.url.appendingPathComponent("names"))
        let inFolder = try #require(Self.finishes(within: 1) { try scanner.scan([folder.url.path]) }, "the walk did not block")
        #expect(inFolder.files.isEmpty)
        #expect(inFolder.skipped.map(\.code) == [.notRegularFile, .linkOutsideFolder])
        let given = try #require(Self.finishes(within: 1) {
            try scanner.scan([fifo, folder.url.appendingPathComponent("zero.jpg").path])
        })
        #expect(given.skipped.map(\.code) == [.notRegularFile, .notRegularFile])
        #expect(given.skipped.last?.reason.contains("character device") == true)
        // Even a FIFO that reaches the hasher (a file replaced between walk and read) does not block.
        let refused = Self.finishes(within: 1) { () -> String in
            do { _ = try FileHasher.sha256(path: fifo); return "read" } catch { return "\(error)" }
        }
        #expect(refused?.contains("not a regular file") == true, "\(refused ?? "blocked")")
    }

    @Test func followsLinksOnlyInsideTheFolderAndRecordsResolvedPaths() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fileManager = FileManager.default
        let inbox = folder.url.appendingPathComponent("inbox")
        try fileManager.createDirectory(at: inbox.appendingPathComponent("a"), withIntermediateDirectories: true)
        _ = try folder.file("inbox/a/one.tif", contents: Data("1".utf8))
        _ = try folder.file("secret.tif", contents: Data("2".utf8))
        try fileManager.createSymbolicLink(atPath: inbox.appendingPathComponent("inside.tif").path, withDestinationPath: "a/one.tif")
        try fileManager.createSymbolicLink(atPath: inbox.appendingPathComponent("outside.tif").path, withDestinationPath: "../secret.tif")
        try fileManager.createSymbolicLink(atPath: inbox.appendingPathComponent("dangling.tif").path, withDestinationPath: "nowhere")
        try fileManager.createSymbolicLink(atPath: folder.url.appendingPathComponent("link").path, withDestinationPath: "inbox")
        let scanner = InputScanner(aliasFolder: folder.url.appendingPathComponent("names"))
        let listing = try scanner.scan([folder.url.appendingPathComponent("link").path + "/", folder.url.path + "/inbox/../secret.tif"])
        let root = folder.url.resolvingSymlinksInPath().path
        #expect(listing.files.map(\.path) == [root + "/inbox/a/one.tif", root + "/secret.tif"], "resolved, no `..`")
        #expect(Set(listing.skipped.map(\.code)) == [.sameFile, .linkOutsideFolder, .brokenLink])
        #expect(listing.skipped.first { $0.code == .linkOutsideFolder }?.path.hasSuffix("/outside.tif") == true)
    }

    @Test func refusesFilesAboveTheSizeLimitAndNamesLinkLoops() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.file("big.tif", contents: Data(count: 4096))
        _ = try folder.file("small.tif", contents: Data(count: 100))
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(atPath: folder.url.appendingPathComponent("loop1").path, withDestinationPath: "loop2")
        try fileManager.createSymbolicLink(atPath: folder.url.appendingPathComponent("loop2").path, withDestinationPath: "loop1")
        let listing = try InputScanner(aliasFolder: folder.url.appendingPathComponent("names"), maxFileBytes: 1000).scan([folder.url.path])
        #expect(listing.files.map { ($0.path as NSString).lastPathComponent } == ["small.tif"])
        #expect(listing.skipped.map(\.code) == [.fileTooLarge, .linkLoop, .linkLoop])
        // A sparse file of 50 GB is refused from its size, without a byte read.
        let sparse = folder.url.appendingPathComponent("sparse.tif").path
        fileManager.createFile(atPath: sparse, contents: nil)
        #expect(truncate(sparse, 50 << 30) == 0)
        let huge = try #require(Self.finishes(within: 1) {
            try InputScanner(aliasFolder: folder.url.appendingPathComponent("names")).scan([sparse])
        })
        #expect(huge.skipped.map(\.code) == [.fileTooLarge])
    }

    @Test func opensANameThatIsNotUTF8ThroughAnAlias() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let raw = RawPath(folder.url.path).appending(RawPath(bytes: Array("Gr".utf8) + [0xFC, 0xDF] + Array("e.tif".utf8)))
        let content = Data("scan bytes".utf8)
        let descriptor = raw.withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        #expect(descriptor >= 0)
        _ = content.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let aliases = folder.url.appendingPathComponent("work/names")
        let listing = try InputScanner(aliasFolder: aliases).scan([folder.url.path])
        let file = try #require(listing.files.first)
        #expect(file.path.hasSuffix("/Gr\\xFC\\xDFe.tif"))
        #expect(FileManager.default.contents(atPath: file.openPath) == content)
        #expect(InputFile.openPath(forRecorded: file.path, aliases: aliases) == file.openPath, "a resumed run finds it again")
    }

    @Test(arguments: [
        ("evil\nQuality check:     passed", "evil\\nQuality check:     passed"),
        ("a\r\nb\tc", "a\\r\\nb\\tc"),
        ("line\u{2028}separator", "line\\u{2028}separator"),
        ("bidi\u{202E}txt.exe", "bidi\\u{202E}txt.exe"),
        ("Bürger 2026.pdf", "Bürger 2026.pdf"),
    ])
    func escapesWhatCouldAddALine(text: String, shown: String) {
        #expect(PlainText.line(text) == shown)
        #expect(!PlainText.line(text).contains("\n"))
    }

    /// OCRmyPDF's formxobject.pdf embeds a 7-dpi image: rendered at 300 dpi, its sentence is read.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))
    func rendersALowResolutionPDFPageAtAtLeast200DPI() async throws {
        for name in ["formxobject.pdf", "negzero.pdf"] {
            let path = Corpus.path("scans/ocrmypdf/tests/resources/\(name)")
            let source = try SourceInspector(configuration: IngestConfiguration()).inspect(path: path)
            #expect(source.pages.allSatisfy { $0.resolution >= 200 }, "\(name): \(source.pages.map(\.resolution))")
            let page = try await OCRHarness().page(path)
            #expect(page.text.contains("Form XObject"), "\(name): \(page.text)")
            #expect(page.width >= 1000, "\(name): \(page.width) px wide")
        }
    }
}
