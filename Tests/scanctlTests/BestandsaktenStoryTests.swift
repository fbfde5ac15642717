import Foundation
import Testing
import TestSupport

/// The whole Bestandsakten story through the binary, as scripts/bestandsakten-demo.sh tells it:
/// the sample delivery from folders to records, a sample check with a defect, the rescan, the
/// release of the paper with its sealed supplement to the Transfervermerk, then the Aussonderung
/// round trip (0501, the archive's 0502, 0503, the archive's 0506) and the disposal of V records.
@Suite("Bestandsakten from delivery to archive, end to end", .serialized)
struct BestandsaktenStoryTests {
    @Test(.enabled(if: XdomeaExportTests.schemasAvailable, "the xdomea schemas (../shared/xdomea) are not present"))
    func theDemoRunsFromFoldersToTheArchive() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Repository.path("scripts/bestandsakten-demo.sh"), folder.url.appendingPathComponent("ws").path]
        var environment = ProcessInfo.processInfo.environment
        environment["SCANCTL"] = ScanCtlProcess.executable.path
        environment["SCANCTL_XDOMEA_SCHEMAS"] = XdomeaExportTests.schemas.path
        process.environment = environment
        let log = folder.url.appendingPathComponent("demo.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(output)")
        for expected in [
            "filed automatically  4", "AKTENZEICHEN", "632-0147", "release refused while:", "has an open defect (cut-off)",
            "paper released for destruction by mwagner", "Nachtrag zum Transfervermerk", "Mangel „abgeschnitten“",
            "Freigegeben von mwagner", "Seite(n) 2 ersetzt", "sealed and intact", "3 record(s) due", "2 record(s) offered to the archive",
            "1 record(s) archivwürdig, 1 kassabel", "1 record(s) handed over to the archive", "1 record(s) archived",
            "2 record(s) disposed of; audit trail kept", "intact:", "No record's retention ends",
        ] {
            #expect(output.contains(expected), "\(expected)")
        }

        // The supplement is sealed and pinned: a change to it is found.
        let workspace = folder.url.appendingPathComponent("ws")
        let supplements = workspace.appendingPathComponent("transfervermerke/nachtraege")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: supplements.path).first {
            $0.hasSuffix(".json") && !$0.hasSuffix(".seal.json")
        })
        let file = supplements.appendingPathComponent(name)
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "Vernichtungsfreigabe 2026/17", with: "Vernichtungsfreigabe 2026/18")
            .write(to: file, atomically: true, encoding: .utf8)
        let verified = try ScanCtlProcess.run(["audit", "verify-seal", "--batch", String(name.dropLast(".json".count)),
                                               "--workspace", workspace.path])
        #expect(verified.status == 1 && verified.standardOutput.contains("supplement"), "\(verified.standardOutput)\(verified.standardError)")
    }
}
