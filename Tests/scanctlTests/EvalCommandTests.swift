import Foundation
import GRDB
import Testing
import TestSupport

/// `scanctl train` and `scanctl eval` on a small corpus written by the test, and `scanctl run`
/// classifying with the trained model.
@Suite("scanctl train and eval, end to end", .serialized)
struct EvalCommandTests {
    static let subjects: [(String, [String])] = [
        ("6", ["Bauantrag", "Baugenehmigung", "Bauzeichnungen", "Lageplan", "Wohnhaus", "Garage", "Bauvorhaben"]),
        ("9", ["Hundesteuer", "Grundsteuer", "Steuerbescheid", "Veranlagung", "Mahnung", "Säumniszuschlag", "Hebesatz"]),
        ("4", ["Kindertagesstätte", "Betreuungsplatz", "Krippe", "Elternbeitrag", "Eingewöhnung", "Hort", "Wohngeld"]),
    ]

    /// Three towns × three subjects × three letters.
    static func writeCorpus(in folder: TemporaryFolder) throws -> URL {
        let corpus = folder.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("docs"), withIntermediateDirectories: true)
        var labels = "id,main_group,municipality\r\n"
        for (townIndex, town) in ["Altdorf", "Brunnstadt", "Celle"].enumerated() {
            for (group, words) in subjects {
                for number in 0..<3 {
                    let pick = (0..<5).map { words[(number * 2 + $0 * 3 + townIndex) % words.count] }
                    let id = "\(town.prefix(1))\(group)\(number)"
                    _ = try folder.write("corpus/docs/\(id).txt",
                                         "Gemeinde \(town), Bürgerbüro\nBetreff: \(pick[0]) und \(pick[1])\n\(pick[2]), \(pick[3]), \(pick[4]).")
                    labels += "\(id),\(group),\(town)\r\n"
                }
            }
        }
        _ = try folder.write("corpus/labels.csv", labels)
        return corpus
    }

    @Test func comparesTheClassifiersSideBySide() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let corpus = try Self.writeCorpus(in: folder)

        let table = try ScanCtlProcess.run(["eval", "--corpus", corpus.path, "--split-by", "municipality"])
        #expect(table.status == 0, "\(table.standardError)")
        let output = table.standardOutput
        #expect(output.contains("27 documents") && output.contains("held out by municipality"))
        for heading in ["layered, trained per split", "plan layers only", "Paperless-style", "main-group accuracy",
                        "coverage at 97 % precision", "confusion of", "Altdorf", "Celle"] {
            #expect(output.contains(heading), "missing \(heading) in\n\(output)")
        }

        let curve = try ScanCtlProcess.run(["eval", "--corpus", corpus.path, "--split-by", "municipality", "--adapt", "0,3"])
        #expect(curve.status == 0, "\(curve.standardError)")
        for heading in ["learning curve by municipality", "random order (seed 2026)", "K=0: Altdorf, Brunnstadt, Celle", "Paperless"] {
            #expect(curve.standardOutput.contains(heading), "missing \(heading) in\n\(curve.standardOutput)")
        }
        // Nine letters per town leave fewer than 10 to test after 3: no town is measured at K = 3.
        #expect(!curve.standardOutput.contains("K=3:"))
        let refused = try ScanCtlProcess.run(["eval", "--corpus", corpus.path, "--adapt", "0,25"])
        #expect(refused.status == 64 && refused.standardError.contains("--split-by"), "\(refused.standardError)")

        let json = try ScanCtlProcess.run(["eval", "--corpus", corpus.path, "--folds", "3", "--json"])
        #expect(json.status == 0, "\(json.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let comparison = try #require(object["comparison"] as? [String: Any])
        let layered = try #require(comparison["layered"] as? [String: Any])
        #expect(layered["documents"] as? Int == 27)
        #expect((layered["mainGroupAccuracy"] as? Double ?? 0) >= 0.8, "\(layered)")
        #expect((comparison["trainingSeconds"] as? [Double])?.count == 3)
        let baseline = try #require(comparison["baseline"] as? [String: Any])
        #expect(baseline["autoFiled"] as? Double == 1)

        let both = try ScanCtlProcess.run(["eval", "--corpus", corpus.path, "--folds", "3", "--split-by", "municipality"])
        #expect(both.status == 64 && both.standardError.contains("cannot be combined"))
        let missing = try ScanCtlProcess.run(["eval", "--corpus", folder.path("nowhere")])
        #expect(missing.status == 1 && missing.standardError.contains("labels.csv is missing"))
    }

    /// Train in a workspace, evaluate that model, and let `scanctl run` classify with it: the
    /// classification event names the model's version.
    @Test func trainsAModelThatRunAndEvalUse() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let corpus = try Self.writeCorpus(in: folder)
        let workspace = folder.url.appendingPathComponent("ws")

        let train = try ScanCtlProcess.run(["train", "--corpus", corpus.path, "--workspace", workspace.path, "--json",
                                            "--operator", "Records Manager"])
        #expect(train.status == 0, "\(train.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(train.standardOutput.utf8)) as? [String: Any])
        let version = try #require(summary["model"] as? String)
        let file = try #require(summary["file"] as? String)
        #expect(version.hasPrefix("model@") && summary["documents"] as? Int == 27)
        #expect(FileManager.default.fileExists(atPath: file))

        // Training again on the same documents gives the same model.
        let again = try ScanCtlProcess.run(["train", "--corpus", corpus.path, "--workspace", workspace.path])
        #expect(again.status == 0 && again.standardOutput.contains("Trained \(version)"))

        let evaluation = try ScanCtlProcess.run(["eval", "--corpus", corpus.path, "--model", file, "--split-by", "municipality"])
        #expect(evaluation.status == 0, "\(evaluation.standardError)")
        #expect(evaluation.standardOutput.contains("layered with \(version)") && evaluation.standardOutput.contains("grouped by municipality"))

        let sample = RunCommandTests.samples.appendingPathComponent("03-hundesteuer-abmeldung.jpg").path
        let run = try ScanCtlProcess.run(["run", sample, "--workspace", workspace.path, "--json", "--jobs", "1"])
        #expect(run.status == 0, "\(run.standardError)")
        let queue = try DatabaseQueue(path: workspace.appendingPathComponent("scanctl.sqlite").path)
        let payload = try #require(try queue.read { db in
            try String.fetchOne(db, sql: "SELECT payload FROM auditEvent WHERE action = 'document.classified'")
        })
        #expect(payload.contains("\"model\":\"\(version)\""), "\(payload)")

        let noSource = try ScanCtlProcess.run(["train", "--workspace", workspace.path])
        #expect(noSource.status == 64)
        let empty = try ScanCtlProcess.run(["train", "--from-reviews", "--workspace", workspace.path])
        #expect(empty.status == 1 && empty.standardError.contains("at least 10 documents"))
    }
}
