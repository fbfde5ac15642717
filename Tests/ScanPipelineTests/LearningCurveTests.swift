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

/// Calibration fitted across held-out towns keeps the precision its thresholds promise in a town it never saw.
@Suite("Calibration across towns")
struct CalibrationTests {
    /// The fixture letters, and as many again that mix two subjects evenly and are labelled with
    /// either at random: no classifier can be sure of those, so a calibrated one must not file them.
    static func corpus() -> LabelledCorpus {
        var corpus = FixtureCorpus.corpus(perTownAndSubject: 4)
        var generator = SeededGenerator(seed: 11)
        let subjects = FixtureCorpus.subjects
        for (townIndex, town) in FixtureCorpus.towns.enumerated() {
            for number in 0..<16 {
                let first = subjects[number % subjects.count]
                let second = subjects[(number + 1 + townIndex) % subjects.count]
                var words: [String] = []
                for step in 0..<3 {
                    words.append(first.words[(number + step * 3) % first.words.count])
                    words.append(second.words[(number * 2 + step) % second.words.count])
                }
                let label = generator.next() % 2 == 0 ? first.mainGroup : second.mainGroup
                let id = "\(town.prefix(1))mixed-\(number)"
                corpus.documents.append(LabelledCorpus.Document(
                    id: id, text: "Gemeinde \(town)\nBetreff: \(words[0]) und \(words[1])\n" + words[2...].joined(separator: ", ") + ".",
                    mainGroup: label, columns: ["id": id, "main_group": label, "municipality": town]))
            }
        }
        return corpus
    }

    @Test func whatIsFiledAutomaticallyKeepsThePromisedPrecision() throws {
        let plan = try #require(ClassifierTests.plan)
        let curve = try LearningCurve.run(corpus: Self.corpus(), plan: plan, column: "municipality", sizes: [0],
                                          order: .random(seed: 1), policy: .standard)
        let layered = try #require(curve.points.first).layered
        #expect(layered.documents == 96)
        // Something is filed (the clear letters), and what is filed is right at least as often as
        // the main-group threshold promises.
        #expect(layered.autoFiled > 0.2, "\(layered.autoFiled)")
        #expect(try #require(layered.autoFiledPrecision) >= DecisionPolicy.standard.threshold(level: 1))
        // The mixed letters are the ones left to review.
        let mixedFiled = layered.predictions.filter { $0.id?.contains("mixed") == true && $0.filed != nil }
        #expect(Double(mixedFiled.count) / 48 < 0.5, "\(mixedFiled.count) of 48 mixed letters filed")
    }
}
