import Foundation
import Testing
import TestSupport

/// `scanctl plan …` as a records manager or a script uses it.
@Suite("scanctl plan, end to end")
struct PlanCommandTests {
    static let shippedPlan = Repository.shippedPlan

    @Test func theShippedPlanIsValidAndLargeEnough() throws {
        let result = try ScanCtlProcess.run(["plan", "validate", Self.shippedPlan, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let plan = try #require(json["plan"] as? [String: Any])
        let counts = try #require(plan["countsPerLevel"] as? [String: Int])
        #expect(counts["1"] == 10)
        #expect((counts["2"] ?? 0) >= 80)
        #expect((counts["3"] ?? 0) >= 250)
        #expect((plan["sha256"] as? String)?.count == 64)
    }

    @Test func validatePrintsCountsPerLevel() throws {
        let result = try ScanCtlProcess.run(["plan", "validate", Self.shippedPlan])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("valid"))
        #expect(result.standardOutput.contains("Hauptgruppe (level 1)"))
        #expect(result.standardOutput.contains("Untergruppe (level 3)"))
    }

    @Test func validateNamesFileLineAndNodeOfEachProblem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("broken.yaml", """
            name: Kaputt
            id: broken
            retention: 10
            disposal: B
            nodes:
              - code: "1"
                title: Ordnung
                children:
                  - code: "21"
                    title: Falsch eingehängt
                  - code: "12"
                    title: Fundsachen
                    disposal: Q
            """)
        let result = try ScanCtlProcess.run(["plan", "validate", path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(path):9: node 21: code 21 is not nested under its parent 1"))
        #expect(result.standardError.contains("\(path):13: node 12: disposal must be A, B or V, not 'Q' [invalid-value]"))
    }

    @Test func showPrintsATreeToTheRequestedDepth() throws {
        let result = try ScanCtlProcess.run(["plan", "show", "6", "--depth", "2", "--plan", Self.shippedPlan])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("6  Bauwesen") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("├─ 6") || $0.hasPrefix("└─ 6") })
        #expect(lines.count >= 6)
        let missing = try ScanCtlProcess.run(["plan", "show", "99.9", "--plan", Self.shippedPlan])
        #expect(missing.status == 2)
    }

    @Test func searchFindsNodesByKeywordAndByAktenzeichen() throws {
        let byKeyword = try ScanCtlProcess.run(["plan", "search", "Hundesteuer", "--json", "--plan", Self.shippedPlan])
        #expect(byKeyword.status == 0)
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(byKeyword.standardOutput.utf8)) as? [[String: Any]])
        let first = try #require(hits.first?["node"] as? [String: Any])
        #expect((first["code"] as? String)?.hasPrefix("9") == true, "Hundesteuer belongs under Finanzen: \(first)")
        let byReference = try ScanCtlProcess.run(["plan", "search", "632.10-0147/2026", "--plan", Self.shippedPlan])
        #expect(byReference.standardOutput.hasPrefix("632"))
        let pasted = try ScanCtlProcess.run(["plan", "search", "Ihr Zeichen: 66.1-23/2026", "--plan", Self.shippedPlan])
        #expect(pasted.standardOutput.hasPrefix("661 "), "\(pasted.standardOutput)")
    }

    /// Words the plan does not have: compounds, typos and other forms find near nodes, each saying how.
    @Test(arguments: [("Kassenbeleg", "924 ", "compound part beleg of Kassenbeleg"),
                      ("Archivgesetz", "33 ", "compound part archiv of Archivgesetz"),
                      ("Rundfunkbeitrag", "94", "compound part beitrag of Rundfunkbeitrag"),
                      ("Hundesteur", "933 ", "Hundesteuer"), ("Bebauungsplam", "611 ", "typo: Bebauungsplam ≈ Bebauungsplan"),
                      ("Bauanträge", "632 ", "stem: Bauanträge ~ Bauantrag")])
    func searchFindsNearWords(query: String, first: String, matched: String) throws {
        let result = try ScanCtlProcess.run(["plan", "search", query, "--plan", Self.shippedPlan])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix(first), "\(result.standardOutput)")
        #expect(result.standardOutput.split(separator: "\n").prefix(2).joined().contains(matched), "\(result.standardOutput)")
    }

    @Test func searchForNonsenseFindsNothing() throws {
        let result = try ScanCtlProcess.run(["plan", "search", "Xylophonquark", "--plan", Self.shippedPlan])
        #expect(result.status == 0 && result.standardOutput.isEmpty && result.standardError.contains("No node matches"))
    }

    @Test func importWritesAValidPlanAndDiffComparesVersions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let csv = try folder.write("plan.csv", "Kennzeichen;Bezeichnung;Frist\n0;Verwaltung;10\n01;Organisation;\n6;Bauwesen;dauernd\n")
        let old = folder.path("old.yaml")
        let imported = try ScanCtlProcess.run(["plan", "import", csv, "--out", old])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("3 nodes"))
        #expect(try ScanCtlProcess.run(["plan", "import", csv, "--out", old]).status == 1, "refuses to overwrite")

        let newer = try folder.write("new.csv", "0;Verwaltung;10\n01;Organisation und IT;\n02;Personal;30\n")
        let new = folder.path("new.yaml")
        #expect(try ScanCtlProcess.run(["plan", "import", newer, "--out", new]).status == 0)
        let diff = try ScanCtlProcess.run(["plan", "diff", old, new])
        #expect(diff.status == 0)
        #expect(diff.standardOutput.contains("+ 02  Personal"))
        #expect(diff.standardOutput.contains("- 6  Bauwesen"))
        #expect(diff.standardOutput.contains("~ 01  Organisation und IT"))
        #expect(diff.standardOutput.contains("1 added, 1 removed, 1 changed"))
    }
}
