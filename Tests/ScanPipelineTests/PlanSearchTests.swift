import FilePlan
import TestSupport
import Testing
@testable import ScanPipeline

/// `scanctl plan search` beyond exact substrings, against the shipped plan: stems, compound parts
/// and small typos, ranked below exact hits and saying how they matched.
@Suite struct PlanSearchTests {
    static let plan: FilePlan = try! FilePlanLoader().load(path: Repository.shippedPlan)
    static let search = try! PlanSearch(plan: plan)

    /// The codes of the first `count` hits.
    static func top(_ query: String, _ count: Int = 3) -> [String] {
        search.search(query).prefix(count).map(\.node.code.written)
    }

    @Test func exactHitsKeepFilePlanSearchsOrderAndComeFirst() throws {
        let exact = Self.plan.search("Hundesteuer").map(\.node.code)
        let hits = Self.search.search("Hundesteuer")
        #expect(Array(hits.prefix(exact.count)).map(\.node.code) == exact)
        #expect(hits.count > exact.count)  // near hits follow
        #expect(hits.prefix(exact.count).allSatisfy { $0.score > hits[exact.count].score })
    }

    /// A compound the plan does not have: its parts, split against the plan's own words, find the
    /// nodes (the more specific one first when the other part names its context).
    @Test func kassenbelegFindsTheCashOfficesReceipts() throws {
        let hits = Self.search.search("Kassenbeleg")
        let first = try #require(hits.first)
        #expect(first.node.code.written == "924")  // Buchungsbelege, under 92 Stadtkasse
        #expect(first.matches.contains { $0.contains("compound part beleg of Kassenbeleg") })
        #expect(Self.top("Kassenbeleg", 3).contains("92"))
    }

    @Test func archivgesetzFindsTheArchive() throws {
        let first = try #require(Self.search.search("Archivgesetz").first)
        #expect(first.node.code.written == "33")
        #expect(first.matches.contains { $0.contains("compound part archiv of Archivgesetz") })
    }

    /// `Rundfunk` is nowhere in the plan; the head `Beitrag` is.
    @Test func rundfunkbeitragFindsContributions() throws {
        let top = Self.top("Rundfunkbeitrag", 2)
        #expect(Set(top) == ["94", "942"])
        #expect(Self.search.search("Rundfunkbeitrag")[0].matches.contains { $0.contains("compound part beitrag") })
    }

    @Test(arguments: [("Hundesteur", "933"), ("Bebauungsplam", "611"), ("Kassenprüfnug", "923"), ("Gewerbestuer", "931")])
    func smallTyposFindTheNode(query: String, code: String) throws {
        let first = try #require(Self.search.search(query).first, "\(query)")
        #expect(first.node.code.written == code, "\(query): \(first.matches)")
    }

    @Test func aTypoSaysWhatItWasTakenFor() throws {
        let first = try #require(Self.search.search("Bebauungsplam").first)
        #expect(first.matches.contains { $0.hasPrefix("typo: Bebauungsplam ≈ Bebauungsplan") })
    }

    @Test func anInflectedFormFindsItsStem() throws {
        let hits = Self.search.search("Bauanträge")
        #expect(hits.prefix(2).map(\.node.code.written).contains("632"))
        #expect(hits[0].matches.contains { $0.hasPrefix("stem: Bauanträge ~ Bauantrag") })
    }

    @Test(arguments: ["Xylophonquark", "Zzzzz", "qwertzuiop"])
    func nonsenseFindsNothing(query: String) {
        #expect(Self.search.search(query).isEmpty)
    }

    @Test func everyWordMustMatchSomehow() throws {
        // One exact word and one typo: the node with both.
        let first = try #require(Self.search.search("Hundesteuer Befreiunng").first)
        #expect(first.node.code.written == "933.20")
        #expect(Self.search.search("Hundesteuer Xylophonquark").isEmpty)
    }

    @Test(arguments: [
        ("kassenbeleg", ["kassen", "beleg"]), ("rundfunkbeitrag", ["rundfunk", "beitrag"]),
        ("archivgesetz", ["archiv", "gesetz"]),
    ])
    func compoundsSplitAgainstThePlansWords(word: String, parts: [String]) throws {
        let splitter = PlanCompoundSplitter(words: Self.plan.nodes.flatMap { GermanText.tokens($0.title + " " + $0.keywords.joined(separator: " ")) },
                                              stem: { GermanText.fold(try! GermanStemmer.requireAvailable().stem($0)) })
        let split = try #require(splitter.split(word))
        #expect(split.parts == parts)
    }

    @Test(arguments: [("archivgesetz", "archivgesezt", 1), ("hundesteuer", "hundesteur", 1), ("abc", "abc", 0),
                      ("bebauungsplan", "bebauungsplam", 1), ("kasse", "kiste", 2)])
    func damerauLevenshteinCountsATranspositionAsOne(a: String, b: String, distance: Int) {
        #expect(PlanSearch.editDistance(a, b, limit: 3) == distance)
    }
}
