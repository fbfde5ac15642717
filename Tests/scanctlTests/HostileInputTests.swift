import Foundation
import GRDB
import Testing
import TestSupport

/// Hostile input, reproduced in temporary folders: every entry of an input folder is processed or
/// named (output, trail, Transfervermerk), nothing hangs on a FIFO or a device, quarantine keeps
/// real copies under names that cannot collide, a full disk stops the run without stray files, and
/// no file name can forge a line of the Transfervermerk.
@Suite("Hostile input, end to end")
struct HostileInputTests {
    static let letter = RunCommandTests.samples.appendingPathComponent("03-hundesteuer-abmeldung.jpg")
    static let street = RunCommandTests.samples.appendingPathComponent("08-strassenschaden.png")

    /// A folder holding every kind of entry the campaign found dropped silently, given through a
    /// symbolic link with a trailing slash.
    @Test func namesEveryEntryOfAHostileFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inbox = folder.url.appendingPathComponent("in")
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: inbox.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try fileManager.createDirectory(at: folder.url.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try fileManager.copyItem(at: Self.letter, to: inbox.appendingPathComponent("letter.jpg"))
        try fileManager.copyItem(at: Self.street, to: inbox.appendingPathComponent(".hidden.png"))
        #expect(mkfifo(inbox.appendingPathComponent("fifo.tif").path, 0o644) == 0)
        try fileManager.createSymbolicLink(atPath: inbox.appendingPathComponent("zero.jpg").path, withDestinationPath: "/dev/zero")
        try fileManager.createSymbolicLink(atPath: inbox.appendingPathComponent("passwd.tif").path, withDestinationPath: "/etc/passwd")
        try fileManager.createSymbolicLink(atPath: inbox.appendingPathComponent("outlink").path, withDestinationPath: "../outside")
        try fileManager.createSymbolicLink(atPath: inbox.appendingPathComponent("sub/loop").path, withDestinationPath: ".")
        try fileManager.createSymbolicLink(atPath: inbox.appendingPathComponent("sub/again.jpg").path,
                                           withDestinationPath: "../letter.jpg")
        try Data("not a scan".utf8).write(to: inbox.appendingPathComponent("evil\nQuality check:     passed.tif"))
        try Self.copy(Self.street, toRawName: Array("B".utf8) + [0xFC] + Array("rger.png".utf8), in: inbox)
        try fileManager.createSymbolicLink(atPath: folder.path("link"), withDestinationPath: "in")
        let workspace = folder.url.appendingPathComponent("ws")

        let result = try Self.scanctl(["run", folder.path("link") + "/", "--workspace", workspace.path, "--json", "--jobs", "1",
                                       "--quiet", "--fail-on-quarantine"], within: 180)
        #expect(result.status == 1, "skipped and quarantined entries with --fail-on-quarantine: exit 1\n\(result.standardError)")
        let summary = try RunCommandTests.summary(result)
        let documents = try #require(summary["documents"] as? [[String: Any]])
        let sources = documents.compactMap { $0["source"] as? String }
        let resolved = inbox.resolvingSymlinksInPath().path
        #expect(sources.contains(resolved + "/letter.jpg"), "recorded resolved, not through the link: \(sources)")
        #expect(sources.contains(resolved + "/B\\xFCrger.png"), "the name that is not UTF-8 is filed, shown escaped: \(sources)")
        #expect(documents.filter { $0["state"] as? String == "quarantined" }.count == 1)
        let skipped = try #require(summary["skipped"] as? [[String: Any]])
        let codes = skipped.compactMap { $0["code"] as? String }.sorted()
        #expect(codes == ["hidden-name", "link-loop", "link-outside-folder", "link-outside-folder", "link-outside-folder",
                          "not-a-regular-file", "same-file"], "\(skipped)")
        #expect(try RunCommandTests.actions(workspace)["file.skipped"] == 7)

        // The Transfervermerk names them; no file name adds a line to it.
        let notes = workspace.appendingPathComponent("transfervermerke")
        let json = try #require(try fileManager.contentsOfDirectory(atPath: notes.path).first { $0.hasSuffix(".json") })
        let note = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: notes.appendingPathComponent(json))) as? [String: Any])
        #expect((note["skippedInputs"] as? [Any])?.count == 7)
        let text = try String(contentsOf: notes.appendingPathComponent(json.replacingOccurrences(of: ".json", with: ".txt")), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.contains("Automatische Prüfungen:") || $0.hasPrefix("Quality check:") }.count == 1, "\(text)")
        #expect(lines.contains { $0.hasPrefix("3. Automatische Prüfungen: Auffälligkeiten") })
        #expect(text.contains("evil\\nQuality check:"), "the name is shown escaped on its line")

        // Quarantine holds a real copy, never a link.
        let quarantine = workspace.appendingPathComponent("quarantine")
        for name in try fileManager.contentsOfDirectory(atPath: quarantine.path) {
            let attributes = try fileManager.attributesOfItem(atPath: quarantine.appendingPathComponent(name).path)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular, "\(name) is a regular file")
        }
    }

    /// A FIFO and a link to /dev/zero named as scans, given explicitly: refused without being opened.
    @Test func refusesAFIFOAndADeviceGivenByName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(mkfifo(folder.path("scan.tif"), 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.path("photo.jpg"), withDestinationPath: "/dev/zero")
        let result = try Self.scanctl(["run", folder.path("scan.tif"), folder.path("photo.jpg"), Self.letter.path,
                                       "--workspace", folder.path("ws"), "--json", "--jobs", "1", "--quiet"], within: 120)
        #expect(result.status == 0, "quarantines are reported, the run completed\n\(result.standardError)")
        let summary = try RunCommandTests.summary(result)
        let skipped = try #require(summary["skipped"] as? [[String: Any]])
        #expect(skipped.map { $0["code"] as? String } == ["not-a-regular-file", "not-a-regular-file"])
        #expect(skipped.contains { ($0["reason"] as? String)?.contains("FIFO") == true })
        #expect(skipped.contains { ($0["reason"] as? String)?.contains("character device") == true })
        #expect(summary["filed"] as? Int == 1 || summary["needsReview"] as? Int == 1)
    }

    /// A name that is not UTF-8, given on the command line, is read, not "no such file".
    @Test func filesANameThatIsNotUTF8GivenByName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.copy(Self.street, toRawName: Array("Stra".utf8) + [0xDF, 0x65] + Array(".png".utf8), in: folder.url)
        // Process takes strings; the shell passes the raw bytes.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "exec \"$0\" run \"$1/$(printf 'Stra\\337e.png')\" --workspace \"$1/ws\" --json --jobs 1 --quiet",
                           ScanCtlProcess.executable.path, folder.url.path]
        let output = Pipe()
        shell.standardOutput = output
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let summary = try RunCommandTests.summary(.init(status: shell.terminationStatus,
                                                        standardOutput: String(decoding: data, as: UTF8.self), standardError: ""))
        let document = try #require((summary["documents"] as? [[String: Any]])?.first)
        #expect((document["source"] as? String)?.hasSuffix("/Stra\\xDFe.png") == true, "\(document)")
        #expect(["filed", "needs-review"].contains(document["state"] as? String ?? ""))
    }

    /// Two bad files of the same name in different folders keep their own reason; a link to
    /// /etc/passwd given by name is copied, and its bytes are quoted nowhere.
    @Test func quarantineKeepsEachFileApartAndQuotesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fileManager = FileManager.default
        for (sub, text) in [("a", "first bad file"), ("b", "second bad file")] {
            try fileManager.createDirectory(at: folder.url.appendingPathComponent("in/\(sub)"), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: folder.url.appendingPathComponent("in/\(sub)/scan.tif"))
        }
        try fileManager.createSymbolicLink(atPath: folder.path("x.tif"), withDestinationPath: "/etc/passwd")
        let workspace = folder.url.appendingPathComponent("ws")
        let result = try Self.scanctl(["run", folder.path("in"), folder.path("x.tif"), "--workspace", workspace.path,
                                       "--json", "--jobs", "1", "--quiet"], within: 120)
        #expect(result.status == 0)
        let quarantine = workspace.appendingPathComponent("quarantine")
        let names = try fileManager.contentsOfDirectory(atPath: quarantine.path)
        let reasons = names.filter { $0.hasSuffix(".reason.json") }
        #expect(reasons.count == 3, "\(names)")
        let paths = try reasons.map { name -> String in
            let reason = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: quarantine.appendingPathComponent(name)))
                                      as? [String: Any])
            return try #require(reason["path"] as? String)
        }.sorted()
        let root = folder.url.resolvingSymlinksInPath().path
        #expect(paths == ["/etc/passwd", root + "/in/a/scan.tif", root + "/in/b/scan.tif"])
        let copies = names.filter { !$0.hasSuffix(".reason.json") }
        #expect(copies.count == 3)
        let passwd = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        let firstLine = String(passwd.prefix { $0 != "\n" })
        for copy in copies {
            let attributes = try fileManager.attributesOfItem(atPath: quarantine.appendingPathComponent(copy).path)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular, "a copy, never a link: \(copy)")
        }
        for name in reasons {
            let text = try String(contentsOf: quarantine.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains(firstLine) && !text.contains("bad file"), "no input bytes quoted: \(text)")
        }
        let trail = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path).read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM auditEvent").joined(separator: "\n")
        }
        #expect(!trail.contains(firstLine) && !trail.contains("bad file"))
    }

    /// As an unprivileged user: a subfolder that cannot be listed is named, the rest is filed.
    @Test(.enabled(if: geteuid() == 0, "needs root to drop to an unprivileged user with setpriv"))
    func namesAnUnreadableFolderAsAnUnprivilegedUser() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: folder.url.appendingPathComponent("in/locked"), withIntermediateDirectories: true)
        try fileManager.copyItem(at: Self.letter, to: folder.url.appendingPathComponent("in/letter.jpg"))
        try fileManager.copyItem(at: Self.street, to: folder.url.appendingPathComponent("in/locked/street.png"))
        try fileManager.createDirectory(at: folder.url.appendingPathComponent("ws"), withIntermediateDirectories: true)
        for path in [folder.path(""), folder.path("in"), folder.path("in/letter.jpg"), folder.path("ws")] {
            chmod(path, 0o777)
        }
        chmod(folder.path("in/locked"), 0o700)
        let result = try Self.scanctl(["run", folder.path("in"), "--workspace", folder.path("ws"), "--json", "--jobs", "1", "--quiet"],
                                      within: 120, asUser: 65534)
        #expect(result.status == 0, "\(result.standardError)")
        let summary = try RunCommandTests.summary(result)
        let skipped = try #require(summary["skipped"] as? [[String: Any]])
        #expect(skipped.map { $0["code"] as? String } == ["unreadable-folder"], "\(skipped)")
        #expect((skipped.first?["path"] as? String)?.hasSuffix("/in/locked") == true)
        #expect((summary["documents"] as? [Any])?.count == 1)
    }

    /// A disk that fills while records are written stops the run (exit 2, storage), quarantines
    /// nothing, leaves no partial or orphaned file, and the rerun files everything once.
    @Test(.enabled(if: geteuid() == 0, "needs root to mount a small tmpfs"))
    func aFullDiskStopsTheRunAndTheRerunFilesEverything() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let disk = folder.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        guard Self.shell("mount -t tmpfs -o size=24m tmpfs '\(disk.path)'") == 0 else {
            Issue.record("cannot mount a tmpfs at \(disk.path)")
            return
        }
        defer { _ = Self.shell("umount -l '\(disk.path)'") }
        let workspace = disk.appendingPathComponent("ws")
        let inputs = RunCommandTests.sampleFiles.filter { $0.hasSuffix(".tif") || $0.hasSuffix(".png") || $0.hasSuffix(".jpg") }
        _ = try ScanCtlProcess.run(["run", "--workspace", workspace.path])  // creates the empty workspace
        // Leave room for the database and about two records.
        var info = statvfs()
        #expect(statvfs(disk.path, &info) == 0)
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        let ballast = disk.appendingPathComponent("ballast")
        #expect(Self.shell("head -c \(free - 1_400_000) /dev/zero > '\(ballast.path)'") == 0)

        let full = try Self.scanctl(["run"] + inputs + ["--workspace", workspace.path, "--jobs", "1", "--quiet"], within: 300)
        #expect(full.status == 2, "\(full.standardError)")
        #expect(full.standardError.contains("[storage]"), "\(full.standardError)")
        let fileManager = FileManager.default
        let quarantined = try fileManager.contentsOfDirectory(atPath: workspace.appendingPathComponent("quarantine").path)
        #expect(quarantined.isEmpty, "a full disk is not a bad input: \(quarantined)")
        let records = try fileManager.contentsOfDirectory(atPath: workspace.appendingPathComponent("records").path)
        #expect(!records.contains { $0.hasPrefix(".") }, "no partial record: \(records)")
        let committed = try Self.recordCount(workspace)
        #expect(records.count == committed, "no record folder without its commit")
        #expect(committed < inputs.count, "the disk filled before the end")

        try fileManager.removeItem(at: ballast)
        let rerun = try Self.scanctl(["run"] + inputs + ["--workspace", workspace.path, "--jobs", "1", "--quiet", "--json"], within: 300)
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(try Self.recordCount(workspace) == inputs.count)
        #expect(try fileManager.contentsOfDirectory(atPath: workspace.appendingPathComponent("records").path).count == inputs.count)
        #expect(try fileManager.contentsOfDirectory(atPath: workspace.appendingPathComponent("quarantine").path).isEmpty)
        let live = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT sourceFile) = COUNT(*) FROM document") ?? 0
        }
        #expect(live == 1, "every input once")
    }

    /// Killed after a file was quarantined and another filed: the resumed run that completes the
    /// batch still exits 1 and counts the quarantine, and calls the finished file done, not a duplicate.
    @Test func aResumedRunCountsTheQuarantineBeforeTheKill() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inbox = folder.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data("not a scan".utf8).write(to: inbox.appendingPathComponent("00-bad.tif"))
        for file in RunCommandTests.sampleFiles.prefix(4) {
            try FileManager.default.copyItem(atPath: file, toPath: inbox.appendingPathComponent((file as NSString).lastPathComponent).path)
        }
        // A second copy of a file under another name: a duplicate, before and after the kill.
        try FileManager.default.copyItem(atPath: RunCommandTests.sampleFiles[0], toPath: inbox.appendingPathComponent("zz-copy.tif").path)
        let workspace = folder.url.appendingPathComponent("ws")
        let arguments = ["run", inbox.path, "--workspace", workspace.path, "--jobs", "1"]
        let first = try ScanCtlProcess.start(arguments + ["--quiet"])
        let database = workspace.appendingPathComponent("scanctl.sqlite").path
        let deadline = Date().addingTimeInterval(120)
        var written = 0
        while first.isRunning, Date() < deadline, written == 0 {
            Thread.sleep(forTimeInterval: 0.05)
            guard FileManager.default.fileExists(atPath: database) else { continue }
            written = (try? DatabaseQueue(path: database).read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = 'record.written'")
            }) ?? 0
        }
        try #require(first.isRunning, "the run ended before it could be killed")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()

        let resumed = try Self.scanctl(arguments + ["--json"], within: 300)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let summary = try RunCommandTests.summary(resumed)
        #expect(summary["quarantinedBeforeResume"] as? Int == 1)
        #expect(summary["quarantined"] as? Int == 1)
        #expect(summary["duplicates"] as? Int == 1, "the second copy is named, not dropped\n\(resumed.standardError)")
        let duplicates = resumed.standardError.split(separator: "\n").filter { $0.hasPrefix("duplicate:") }
        #expect(duplicates.count == 1 && duplicates[0].contains("zz-copy.tif"), "\(duplicates)")
        #expect(resumed.standardError.contains("done before the interruption"))
        #expect(try Self.recordCount(workspace) == 4)
    }

    /// A file of many pages does not hold back the files behind it: it is scanned after them.
    @Test func aLargeFileIsScannedAfterTheSmallerOnes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let large = RunCommandTests.samples.appendingPathComponent("01-bauantrag-nachreichung.tif").path  // 2 pages
        let small = Self.letter.path
        let result = try Self.scanctl(["run", large, small, "--workspace", folder.path("ws"), "--jobs", "1", "--large-file-pages", "1"],
                                      within: 180)
        #expect(result.status == 0, "\(result.standardError)")
        let settled = result.standardError.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(settled.count == 2, "\(result.standardError)")
        #expect(settled.first?.contains("03-hundesteuer-abmeldung.jpg") == true, "the small file first: \(settled)")
        #expect(settled.allSatisfy { line in
            let counts = line.dropFirst().prefix { $0 != "]" }.split(separator: "/").compactMap { Int($0) }
            return counts.count == 2 && counts[0] <= counts[1]
        }, "progress never runs past its total: \(settled)")
    }

    /// PDF pages whose embedded images are 7 dpi (OCRmyPDF's formxobject.pdf, negzero.pdf, toc.pdf)
    /// are read at 300 dpi and filed or reviewed, never quarantined as blank.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))
    func lowResolutionPDFPagesWithTextAreNeverQuarantinedAsBlank() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let files = ["formxobject.pdf", "negzero.pdf", "toc.pdf"].map { Corpus.path("scans/ocrmypdf/tests/resources/\($0)") }
        let result = try Self.scanctl(["run"] + files + ["--workspace", folder.path("ws"), "--json", "--jobs", "1", "--quiet"],
                                      within: 240)
        #expect(result.status == 0, "\(result.standardError)")
        let summary = try RunCommandTests.summary(result)
        #expect(summary["quarantined"] as? Int == 0)
        let texts = try DatabaseQueue(path: folder.path("ws/scanctl.sqlite")).read { db in
            try String.fetchAll(db, sql: "SELECT text FROM page WHERE NOT blank")
        }
        #expect(texts.filter { $0.contains("Form XObject") }.count >= 2, "\(texts)")
    }

    /// A CMYK JPEG (OCRmyPDF's baiona_cmyk.jpg) is a scan like any other: recorded decoded, never
    /// quarantined because Tesseract cannot embed its bytes as they are.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.missingReason))
    func aCMYKJPEGIsRecordedNotQuarantined() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try Self.scanctl(["run", Corpus.path("scans/ocrmypdf/tests/resources/baiona_cmyk.jpg"),
                                       "--workspace", folder.path("ws"), "--json", "--jobs", "1", "--quiet"], within: 120)
        #expect(result.status == 0, "\(result.standardError)")
        let summary = try RunCommandTests.summary(result)
        #expect(summary["quarantined"] as? Int == 0)
        #expect(try Self.recordCount(folder.url.appendingPathComponent("ws")) == 1)
    }

    // MARK: Helpers

    static func recordCount(_ workspace: URL) throws -> Int {
        try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE recordPath IS NOT NULL") ?? 0
        }
    }

    /// Copies `source` to a file whose name is the given bytes (which no Swift string can name).
    static func copy(_ source: URL, toRawName name: [UInt8], in folder: URL) throws {
        let data = try Data(contentsOf: source)
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let descriptor = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        #expect(written == data.count)
    }

    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs scanctl, killing it (and failing the test) when it takes longer than `seconds`: a hang
    /// on a FIFO must not hang the suite.
    static func scanctl(_ arguments: [String], within seconds: Double, asUser user: Int? = nil) throws -> ScanCtlProcess.Result {
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", ScanCtlProcess.executable.path] + arguments
        } else {
            process.executableURL = ScanCtlProcess.executable
            process.arguments = arguments
        }
        let output = try TemporaryFolder()
        defer { output.remove() }
        let out = output.url.appendingPathComponent("out"), err = output.url.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("scanctl \(arguments.prefix(2).joined(separator: " ")) hung for \(Int(seconds)) s")
        }
        process.waitUntilExit()
        return ScanCtlProcess.Result(status: process.terminationStatus,
                                     standardOutput: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                                     standardError: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}
