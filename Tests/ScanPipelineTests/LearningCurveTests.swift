import FilePlan
import Foundation
import Testing
@testable import ScanPipeline

/// `scanctl eval --adapt`: each town held out, trained on the others plus K of its own documents.
@Suite("Learning curve")
struct LearningCurveTests {
    @Test func eachKTrainsOnTheOtherTownsPlusKOfTheTownsOwnAndTestsOnTheRest() throws {
        let plan = try #require(ClassifierTests.plan)
        let corpus = FixtureCorpus.corpus(perTownAndSubject: 4)  // 3 towns × 16 letters
        let curve = try LearningCurve.run(corpus: corpus, plan: plan, column: "municipality", sizes: [0, 5, 20],
                                          order: .random(seed: 3), policy: .standard)
        // K = 20 needs 30 documents in a town: none has them, so there is no such point.
        #expect(curve.points.map(\.adapted) == [0, 5])
        let zero = curve.points[0]
        #expect(zero.layered.documents == 48 && zero.groups.count == 3 && zero.trainingSeconds.count == 3)
        #expect(zero.unadapted.documents == 48 && zero.baseline.documents == 48)
        let five = curve.points[1]
        #expect(five.layered.documents == 3 * 11)
        // The same 33 documents, as classified on day one.
        #expect(Set(five.unadapted.predictions.compactMap(\.id)) == Set(five.layered.predictions.compactMap(\.id)))
        #expect(five.layered.mainGroupAccuracy >= 0.9, "\(five.layered.confusion)")
        #expect(five.genres.map(\.genre) == [.other])
    }

    @Test func theRandomOrderIsReproducibleAndTheArrivalOrderFollowsTheDateColumn() throws {
        let plan = try #require(ClassifierTests.plan)
        var corpus = FixtureCorpus.corpus(perTownAndSubject: 4)
        // Dates that reverse labels.csv order within each town.
        for index in corpus.documents.indices {
            corpus.documents[index].columns["date"] = String(format: "2026-01-%02d", 48 - index)
        }
        let first = try LearningCurve.run(corpus: corpus, plan: plan, column: "municipality", sizes: [5],
                                          order: .random(seed: 9), policy: .standard)
        let again = try LearningCurve.run(corpus: corpus, plan: plan, column: "municipality", sizes: [5],
                                          order: .random(seed: 9), policy: .standard)
        #expect(first.points[1].layered.predictions.compactMap(\.id) == again.points[1].layered.predictions.compactMap(\.id))
        let arrival = try LearningCurve.run(corpus: corpus, plan: plan, column: "municipality", sizes: [5],
                                            order: .arrival, policy: .standard)
        let tested = Set(arrival.points[1].layered.predictions.compactMap(\.id))
        // The last five letters of each town in labels.csv are its first five by date: trained on, not tested.
        let byTown = Dictionary(grouping: corpus.documents, by: { $0.columns["municipality"] ?? "" })
        for documents in byTown.values {
            #expect(documents.suffix(5).allSatisfy { !tested.contains($0.id) })
            #expect(documents.prefix(11).allSatisfy { tested.contains($0.id) })
        }
    }
}

@Suite("Document genre")
struct DocumentGenreTests {
    @Test(arguments: [
        ("Beschlussvorlage DS 31/2023\nBeratungsfolge Termin", DocumentGenre.councilPaper),
        ("Satzung über die Erhebung der Hundesteuer\n§ 1 Steuergegenstand", .bylaw),
        ("Sehr geehrte Frau Müller, anbei die Rechnung.", .other),
    ])
    func recognisedByTheWordsItsFormRequires(text: String, genre: DocumentGenre) {
        #expect(DocumentGenre.recognise(text) == genre)
    }

    @Test func aGenreColumnWins() {
        #expect(DocumentGenre.of(text: "§ 1 Satzung", column: "Sitzungsvorlage") == .councilPaper)
        #expect(DocumentGenre.of(text: "Beratungsfolge", column: "bylaw") == .bylaw)
        #expect(DocumentGenre.of(text: "Beratungsfolge", column: "") == .councilPaper)
    }
}
