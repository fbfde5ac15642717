import Foundation
import Testing
@testable import FilePlan
import TestSupport

/// fileplans/lindenau-kgst.yaml, the plan scanctl uses when none is given.
@Suite("The shipped plan")
struct ShippedPlanTests {
    static let repository = Repository.root

    static func plan() throws -> FilePlan {
        try FilePlanLoader().load(path: repository.appendingPathComponent("fileplans/lindenau-kgst.yaml").path)
    }

    @Test func hasTheKGStMainGroupsAndEnoughDepth() throws {
        let plan = try Self.plan()
        #expect(plan.roots.map(\.written) == (0...9).map(String.init))
        #expect(plan.node(code: "0")?.title == "Allgemeine Verwaltung")
        #expect(plan.node(code: "6")?.title == "Bauwesen")
        #expect(plan.node(code: "9")?.title == "Finanzen")
        #expect(plan.countsPerLevel[2, default: 0] >= 80)
        #expect(plan.countsPerLevel[3, default: 0] >= 250)
    }

    @Test func everyNodeHasKeywordsAndEveryLeafARetentionAndDisposal() throws {
        let plan = try Self.plan()
        for node in plan.nodes {
            #expect(!node.keywords.isEmpty, "\(node.code.written) \(node.title) has no keywords")
            if plan.children(of: node).isEmpty {
                #expect(node.retention != nil && node.disposal != nil, "\(node.code.written)")
            }
        }
    }

    @Test func recordsOfficeDefaultsWhereTheLawIsClear() throws {
        let plan = try Self.plan()
        // Civil status registers are kept for fixed periods and then go to the archive.
        #expect(plan.node(code: "120")?.retention == .years(110) && plan.node(code: "120")?.disposal == .archive)
        // Building files live as long as the building: permanent, archive.
        #expect(plan.node(code: "632.10")?.retention == .permanent)
        // Rejected applications are destroyed soon; personnel matters are sensitive.
        #expect(plan.node(code: "021")?.disposal == .destroy && plan.node(code: "021")?.schutzbedarf == .hoch)
        #expect(plan.node(code: "933")?.disposal == .destroy)
    }

    /// The plan codes the sample letters are filed under, and the Aktenzeichen they quote.
    @Test func placesTheSampleLetters() throws {
        let plan = try Self.plan()
        for code in ["632", "702", "933", "673", "811", "462", "021", "661"] {
            #expect(plan.node(code: code) != nil, "\(code)")
        }
        #expect(plan.resolve(reference: "63.2-0147/2026")?.code.key == "632")
        #expect(plan.references(in: "Az. 66.1-23/2026").first?.node.code.key == "661")
        #expect(plan.search("Hundesteuer").first?.node.code.key.hasPrefix("933") == true)
        #expect(plan.search("Baumfaellung").first?.node.code.key == "673")
    }
}
