import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

/// The Transfervermerk `scanctl run` writes per batch, its seal, and `scanctl audit verify-seal`.
@Suite("Transfervermerk and seal, end to end", .serialized)
struct TransfervermerkTests {
    @Test func sealsTheBatchNoteAndNoticesTampering() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws")
        let keyFile = folder.path("seal.key")
        let made = try ScanCtlProcess.run(["audit", "seal-key", "--out", keyFile])
        #expect(made.status == 0, "\(made.standardError)")
        let publicKey = try #require(made.standardOutput.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(try ScanCtlProcess.run(["audit", "seal-key", "--out", keyFile]).status == 1, "a key is never overwritten")

        let letter = RunCommandTests.samples.appendingPathComponent("07-bewerbung-vertraulich.tif").path
        // A profile of the office's own, from a profiles file: its name goes into the note, its
        // Schutzbedarf into the batch.
        let profiles = try folder.write("profiles.yaml", """
            profiles:
              - name: duplex-300
                description: Poststelle, duplex scanner at 300 dpi
                schutzbedarf: hoch
                max_pages: 20
                quality: {min_resolution: 300}
            """)
        let unknown = try ScanCtlProcess.run(["run", letter, "--workspace", workspace.path, "--profile", "duplex-600", "--profiles", profiles])
        #expect(unknown.status == 2 && unknown.standardError.contains("there are: posteingang, bestandsakten, duplex-300"))
        let run = try ScanCtlProcess.run(["run", letter, "--workspace", workspace.path, "--seal-key", keyFile, "--profile", "duplex-300",
                                          "--profiles", profiles, "--operator", "Poststelle Test", "--jobs", "1"])
        #expect(run.status == 0, "\(run.standardError)")
        let notes = workspace.appendingPathComponent("transfervermerke")
        let json = try #require(try FileManager.default.contentsOfDirectory(atPath: notes.path).first { $0.hasSuffix(".json") && !$0.hasSuffix(".seal.json") })
        let note = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: notes.appendingPathComponent(json))) as? [String: Any])
        #expect(note["operatorName"] as? String == "Poststelle Test" && note["profile"] as? String == "duplex-300")
        #expect(note["schutzbedarf"] as? String == "hoch")
        let counts = try #require(note["counts"] as? [String: Any])
        let pages = try #require(note["pageImages"] as? [[String: Any]])
        #expect(counts["documents"] as? Int == 1 && counts["pages"] as? Int == pages.count && !pages.isEmpty)
        #expect(pages.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let text = try String(contentsOf: notes.appendingPathComponent(json.replacingOccurrences(of: ".json", with: ".txt")), encoding: .utf8)
        #expect(text.contains("Eingescannt von:            Poststelle Test") && text.contains("Automatische Prüfungen:"), "\(text)")
        #expect(try RunCommandTests.actions(workspace)["transfervermerk.written"] == 1)

        let verified = try ScanCtlProcess.run(["audit", "verify-seal", "--workspace", workspace.path, "--public-key", publicKey])
        #expect(verified.status == 0 && verified.standardOutput.contains("sealed and intact"), "\(verified.standardOutput)\(verified.standardError)")
        let otherKey = try ScanCtlProcess.run(["audit", "verify-seal", "--workspace", workspace.path,
                                               "--public-key", "5smCzAgkZF6QsaV+hH/uUlxu9MgdJaticjdM9u+txIU="])
        #expect(otherKey.status == 1 && otherKey.standardOutput.contains("another key"))

        // The note travels with the records.
        let export = folder.url.appendingPathComponent("export")
        #expect(try ScanCtlProcess.run(["export", "--target", "json", "--state", "all", "--out", export.path,
                                        "--workspace", workspace.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: export.appendingPathComponent("transfervermerk-\(json)").path))

        // One changed name in the note breaks the seal.
        let file = notes.appendingPathComponent(json)
        let original = try String(contentsOf: file, encoding: .utf8)
        #expect(original.contains("Poststelle Test"))
        try original.replacingOccurrences(of: "Poststelle Test", with: "Poststelle Tost").write(to: file, atomically: true, encoding: .utf8)
        let tampered = try ScanCtlProcess.run(["audit", "verify-seal", "--workspace", workspace.path])
        #expect(tampered.status == 1 && tampered.standardOutput.contains("changed after sealing"), "\(tampered.standardOutput)")

        // Re-signed with another key: the seal itself checks out, the audit trail does not agree.
        let forgedSeal = try BatchSeal(sealing: try Data(contentsOf: file), file: json, with: SealKey.generate())
        try JSONEncoder().encode(forgedSeal).write(to: notes.appendingPathComponent(json.replacingOccurrences(of: ".json", with: ".seal.json")))
        let resigned = try ScanCtlProcess.run(["audit", "verify-seal", "--workspace", workspace.path])
        #expect(resigned.status == 1 && resigned.standardOutput.contains("not the one the audit trail recorded"), "\(resigned.standardOutput)")
        #expect(resigned.standardOutput.contains("differs from the one the audit trail recorded"))

        // A deleted seal does not take the batch out of the check.
        try FileManager.default.removeItem(at: notes.appendingPathComponent(json.replacingOccurrences(of: ".json", with: ".seal.json")))
        let unsealed = try ScanCtlProcess.run(["audit", "verify-seal", "--workspace", workspace.path])
        #expect(unsealed.status == 1 && unsealed.standardError.contains("not sealed"), "\(unsealed.standardError)")
    }
}
