import Foundation
import Testing
@testable import FilePlan

@Suite("CSV import and plan diff")
struct CSVImportAndDiffTests {
    let csv = """
        code;title;retention_years
        0;Allgemeine Verwaltung;10
        01;Organisation;
        02;Personal;10
        020;Personalakten;30
        021;"Bewerbungen; Auswahlverfahren";1
        6;Bauwesen;dauernd
        63;Bauordnung;
        632;Baugenehmigungsverfahren;
        632.10;Bauanträge Wohngebäude;
        """

    @Test func importsNestsAndRoundTripsThroughYAML() throws {
        let document = try FilePlanCSVImporter(id: "import", name: "Importierter Plan").importCSV(data: Data(csv.utf8), file: "plan.csv")
        #expect(document.nodes.map(\.code) == ["0", "6"])
        let yaml = try FilePlanWriter().yaml(document, header: ["imported"])
        #expect(yaml.hasPrefix("# imported\n"))
        let plan = try FilePlanLoader().load(yaml: yaml, file: "import.yaml")
        #expect(plan.count == 9)
        #expect(plan.node(code: "021")?.title == "Bewerbungen; Auswahlverfahren")
        #expect(plan.node(code: "01")?.retention == .years(10))        // inherited
        #expect(plan.node(code: "632.10")?.retention == .permanent)    // inherited from "dauernd"
        #expect(plan.node(code: "632.10")?.disposal == .appraise)      // the import's default
        #expect(plan.parent(of: plan.node(code: "632.10")!)?.code.written == "632")
        // Writing the loaded plan again gives the same document: the round trip is lossless.
        let again = try FilePlanLoader().load(yaml: try FilePlanWriter().yaml(PlanDocument(plan)), file: "again.yaml")
        #expect(again.contentHash == plan.contentHash)
    }

    @Test func readsWindows1252AndRowsWithoutAHeader() throws {
        let latin = try #require("63;Bauordnung;10\n632;Baugenehmigungsverfahren für Gebäude;\n".data(using: .windowsCP1252))
        let document = try FilePlanCSVImporter(id: "x", name: "x").importCSV(data: latin, file: "latin.csv")
        #expect(document.nodes.first?.children.first?.title == "Baugenehmigungsverfahren für Gebäude")
    }

    @Test func keepsTitlesThatLookLikeOtherTypes() throws {
        let document = try FilePlanCSVImporter(id: "x", name: "x").importCSV(data: Data("1;2026;5\n11;ja;5\n".utf8), file: "odd.csv")
        let plan = try FilePlanLoader().load(yaml: try FilePlanWriter().yaml(document), file: "odd.yaml")
        #expect(plan.node(code: "1")?.title == "2026")
        #expect(plan.node(code: "11")?.title == "ja")
    }

    @Test func reportsBadRowsWithTheirLines() throws {
        let bad = "code;title;retention_years\n0;Verwaltung;10\nX1;Kaputt;5\n01;Organisation;zehn\n0;Doppelt;5\n"
        let error = try #require(throws: FilePlanError.self) {
            try FilePlanCSVImporter(id: "x", name: "x").importCSV(data: Data(bad.utf8), file: "bad.csv")
        }
        #expect(error.problems.map(\.code) == [.invalidValue, .invalidValue, .duplicateCode])
        #expect(error.problems.map(\.line) == [3, 4, 5])
    }

    @Test func diffFindsAddedRemovedAndChangedNodes() throws {
        let old = try PlanFixtures.plan()
        let indent = String(repeating: " ", count: 14)
        let removed = "\(indent)- code: \"632.10\"\n\(indent)  title: Bauanträge Wohngebäude\n"
            + "\(indent)  keywords: [Einfamilienhaus, Wohnhaus]\n"
        let new = try PlanFixtures.plan(PlanFixtures.valid
            .replacingOccurrences(of: "title: Bauvoranfragen", with: "title: Bauvoranfragen und Vorbescheide")
            .replacingOccurrences(of: "retention: 30\n", with: "retention: 40\n")
            .replacingOccurrences(of: removed, with: "")
            .replacingOccurrences(of: "      - code: \"01\"\n", with: "      - code: \"03\"\n        title: Datenschutz\n      - code: \"01\"\n"))
        let diff = FilePlanDiff(old: old, new: new)
        #expect(diff.added.map(\.code.written) == ["03"])
        #expect(diff.removed.map(\.code.written) == ["632.10"])
        #expect(diff.changed.map(\.new.code.written) == ["020", "632.20"])
        #expect(diff.changed.first?.changes == [.init(field: "retention", old: "30 years", new: "40 years")])
        #expect(FilePlanDiff(old: old, new: old).isEmpty)
    }
}
