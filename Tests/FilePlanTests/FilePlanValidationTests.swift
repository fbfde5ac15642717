import Foundation
import Testing
@testable import FilePlan

@Suite("File plan validation")
struct FilePlanValidationTests {
    /// A broken variant of the valid fixture and the problem it must produce.
    static let broken: [(name: String, yaml: String, code: FilePlanError.Code, line: Int?, node: String?)] = [
        ("duplicate code", PlanFixtures.valid.replacingOccurrences(of: "code: \"021\"", with: "code: \"02.0\""),
         .duplicateCode, 22, "02.0"),
        ("not nested", PlanFixtures.valid.replacingOccurrences(of: "code: \"201\"", with: "code: \"301\""),
         .codeNotNested, 55, "301"),
        ("unknown key", PlanFixtures.valid.replacingOccurrences(of: "    retention: 30", with: "    retension: 30"),
         .unknownKey, 21, "020"),
        ("bad retention", PlanFixtures.valid.replacingOccurrences(of: "retention: 30", with: "retention: dreißig"),
         .invalidValue, 21, "020"),
        ("bad disposal", PlanFixtures.valid.replacingOccurrences(of: "disposal: V\n  ", with: "disposal: X\n  "),
         .invalidValue, 25, "021"),
        ("missing title", PlanFixtures.valid.replacingOccurrences(of: "        title: Organisation\n", with: ""),
         .missingKey, 12, "01"),
        ("bad date", PlanFixtures.valid.replacingOccurrences(of: "valid_until: 2030-12-31", with: "valid_until: 2030-13-01"),
         .invalidValue, 53, "20"),
        ("malformed YAML", PlanFixtures.valid.replacingOccurrences(of: "keywords: [Organisation, Geschäftsverteilung]", with: "keywords: [Organisation"),
         .invalidYAML, nil, nil),
        ("bad code", PlanFixtures.valid.replacingOccurrences(of: "code: \"01\"", with: "code: \"A1\""),
         .invalidValue, 12, "A1"),
    ]

    @Test(arguments: broken.indices)
    func reportsEachKindOfProblemWithLineAndNode(index: Int) throws {
        let broken = Self.broken[index]
        let error = try #require(throws: FilePlanError.self, "\(broken.name)") { try PlanFixtures.plan(broken.yaml) }
        let problem = try #require(error.problems.first { $0.code == broken.code }, "\(broken.name): \(error)")
        if let line = broken.line { #expect(problem.line == line, "\(broken.name): \(problem)") }
        #expect(problem.node == broken.node, "\(broken.name): \(problem)")
        #expect(error.description.contains("test.yaml:"))
    }

    @Test func reportsLeavesWithoutRetentionOrDisposalAfterInheritance() throws {
        let yaml = """
            name: Ohne Fristen
            id: bare
            nodes:
              - code: "1"
                title: Ordnung
                retention: 5
                children:
                  - code: "12"
                    title: Fundsachen
              - code: "3"
                title: Kultur
                disposal: A
            """
        let error = try #require(throws: FilePlanError.self) { try PlanFixtures.plan(yaml) }
        #expect(error.problems.map(\.code) == [.missingDisposal, .missingRetention])
        #expect(error.problems.map(\.node) == ["12", "3"])
        #expect(error.problems.map(\.line) == [8, 10])
    }

    @Test func collectsEveryProblemNotJustTheFirst() throws {
        let yaml = PlanFixtures.valid
            .replacingOccurrences(of: "retention: 30", with: "retention: lang")
            .replacingOccurrences(of: "code: \"201\"", with: "code: \"301\"")
            .replacingOccurrences(of: "    title: Bauvoranfragen", with: "    titel: Bauvoranfragen")
        let error = try #require(throws: FilePlanError.self) { try PlanFixtures.plan(yaml) }
        #expect(Set(error.problems.map(\.code)) == [.invalidValue, .codeNotNested, .unknownKey, .missingKey])
        #expect(error.problems.contains { $0.reason.contains("did you mean 'title'") })
    }

    @Test func refusesAFileThatIsNotThere() {
        #expect(throws: FilePlanError.self) { try FilePlanLoader().load(path: "/nonexistent/plan.yaml") }
    }
}
