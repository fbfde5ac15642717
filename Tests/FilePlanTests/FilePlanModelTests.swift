import Foundation
import Testing
@testable import FilePlan

@Suite("File plan model")
struct FilePlanModelTests {
    @Test func buildsTheTreeWithLevelsParentsAndChildren() throws {
        let plan = try PlanFixtures.plan()
        #expect(plan.roots.map(\.written) == ["0", "6", "2"])
        #expect(plan.count == 13)
        #expect(plan.countsPerLevel == [1: 3, 2: 4, 3: 4, 4: 2])
        let node = try #require(plan.node(code: "632.10"))
        #expect(node.level == 4)
        #expect(plan.parent(of: node)?.code.written == "63.2")
        #expect(plan.path(to: node).map(\.code.written) == ["6", "63", "63.2", "632.10"])
        #expect(plan.children(of: try #require(plan.node(code: "63.2"))).map(\.title) == ["Bauanträge Wohngebäude", "Bauvoranfragen"])
    }

    @Test func childrenInheritWhatTheyDoNotSet() throws {
        let plan = try PlanFixtures.plan()
        let organisation = try #require(plan.node(code: "01"))
        #expect(organisation.retention == .years(10) && organisation.disposal == .appraise && organisation.schutzbedarf == .normal)
        #expect(organisation.declared == PlanNode.Attributes())
        let files = try #require(plan.node(code: "020"))
        #expect(files.retention == .years(30) && files.disposal == .appraise && files.schutzbedarf == .hoch)
        let applications = try #require(plan.node(code: "021"))
        #expect(applications.retention == .years(1) && applications.disposal == .destroy)
        let building = try #require(plan.node(code: "632.10"))
        #expect(building.retention == .permanent && building.disposal == .archive)
        #expect(try #require(plan.node(code: "201")).disposal == .archive)
    }

    @Test(arguments: ["63.2", "632", "6.3.2", " 632 "])
    func findsANodeByAnyWrittenFormOfItsCode(code: String) throws {
        #expect(try PlanFixtures.plan().node(code: code)?.title == "Baugenehmigungsverfahren")
    }

    @Test func knowsValidityAndClosedNodes() throws {
        let plan = try PlanFixtures.plan()
        let school = try #require(plan.node(code: "20"))
        #expect(school.isOpen(on: PlanDate("2027-05-01")!))
        #expect(!school.isOpen(on: PlanDate("2031-01-01")!))
        #expect(!(try #require(plan.node(code: "632.20"))).isOpen(on: PlanDate("2027-05-01")!))
    }

    @Test func theVersionHashIgnoresFormattingButNotContent() throws {
        let original = try PlanFixtures.plan()
        let reformatted = try PlanFixtures.plan(PlanFixtures.valid
            .replacingOccurrences(of: "# A small plan for tests.", with: "# Another comment\n\n"))
        #expect(original.contentHash == reformatted.contentHash)
        #expect(original.contentHash.count == 64)
        let retitled = try PlanFixtures.plan(PlanFixtures.valid.replacingOccurrences(of: "title: Bauvoranfragen", with: "title: Voranfragen"))
        #expect(original.contentHash != retitled.contentHash)
        #expect(original.version.hasPrefix("test@"))
    }

    @Test func searchFoldsCaseAndUmlautsAndRanksKeywordsFirst() throws {
        let plan = try PlanFixtures.plan()
        let hits = plan.search("bauantrage")
        #expect(hits.isEmpty)
        let antrag = plan.search("bauantrag")
        #expect(antrag.first.map { ["63", "63.2"].contains($0.node.code.written) } == true)
        #expect(plan.search("BAUANTRAEGE").first?.node.code.written == "632.10")
        #expect(plan.search("Geschaeftsverteilung").first?.node.code.written == "01")
        #expect(plan.search("Personal Schulen").isEmpty)
        #expect(plan.search("Personal akten").first?.node.code.written == "020")
        #expect(plan.search("Personalakten").first?.node.code.written == "020")
    }
}
