import Foundation
import Testing

/// `scanctl eval` on a small corpus written by the test.
@Suite("scanctl eval, end to end")
struct EvalCommandTests {
    @Test func printsTheMetricsAndJSON() throws {
        let folder = try TemporaryPlanFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("docs"), withIntermediateDirectories: true)
        let documents = [
            ("a", "9", "Lindenau", "Abmeldung des Hundes von der Hundesteuer, Hundesteuermarke anbei."),
            ("b", "6", "Lindenau", "Bauantrag für ein Einfamilienhaus, Bauzeichnungen und Lageplan, Az. 63.2-0147/2026."),
            ("c", "4", "Neustadt", "Anmeldung für einen Betreuungsplatz in der Kindertagesstätte, Kita ab August."),
        ]
        var labels = "id,main_group,municipality\n"
        for (id, group, town, text) in documents {
            _ = try folder.write("docs/\(id).txt", text)
            labels += "\(id),\(group),\(town)\n"
        }
        _ = try folder.write("labels.csv", labels)

        let table = try ScanCtlProcess.run(["eval", "--corpus", folder.url.path, "--split-by", "municipality"])
        #expect(table.status == 0, "\(table.standardError)")
        #expect(table.standardOutput.contains("3 documents"))
        #expect(table.standardOutput.contains("main-group accuracy          100.0 %"))
        #expect(table.standardOutput.contains("by municipality:"))

        let json = try ScanCtlProcess.run(["eval", "--corpus", folder.url.path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let evaluation = try #require(object["evaluation"] as? [String: Any])
        #expect(evaluation["documents"] as? Int == 3 && evaluation["mainGroupAccuracy"] as? Double == 1)

        let missing = try ScanCtlProcess.run(["eval", "--corpus", folder.path("nowhere")])
        #expect(missing.status == 1 && missing.standardError.contains("labels.csv is missing"))
    }
}
