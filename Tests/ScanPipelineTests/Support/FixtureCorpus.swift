import Foundation
@testable import ScanPipeline

/// A small labelled corpus written by the tests: letters on four subjects from three towns, each
/// town with its own letterhead, built deterministically from word lists.
enum FixtureCorpus {
    static let subjects: [(mainGroup: String, words: [String])] = [
        ("6", ["Bauantrag", "Baugenehmigung", "Bauzeichnungen", "Lageplan", "Grundstück", "Wohnhaus", "Garage", "Statik",
               "Abstandsfläche", "Bauvorhaben"]),
        ("9", ["Hundesteuer", "Grundsteuer", "Steuerbescheid", "Veranlagung", "Steuermarke", "Zahlung", "Mahnung",
               "Säumniszuschlag", "Steuerpflicht", "Hebesatz"]),
        ("4", ["Kindertagesstätte", "Betreuungsplatz", "Krippe", "Elternbeitrag", "Eingewöhnung", "Hort", "Jugendhilfe",
               "Betreuungszeit", "Erzieherin", "Wohngeld"]),
        ("7", ["Abfallgebühren", "Müllabfuhr", "Restmülltonne", "Biotonne", "Friedhof", "Grabstätte", "Abwasser",
               "Kanalanschluss", "Wertstoffhof", "Sperrmüll"]),
    ]
    static let towns = ["Altdorf", "Brunnstadt", "Celle-Nord"]
    static let filler = ["Sehr geehrte Damen und Herren,", "wir bitten um Prüfung des Vorgangs.", "Mit freundlichen Grüßen",
                         "Die Unterlagen liegen bei.", "Bitte antworten Sie bis Monatsende."]

    /// `perTownAndSubject` letters for each town and subject: id, main group, town, text.
    static func documents(perTownAndSubject: Int = 4) -> [(id: String, mainGroup: String, town: String, text: String)] {
        var result: [(String, String, String, String)] = []
        for (townIndex, town) in towns.enumerated() {
            for (subjectIndex, subject) in subjects.enumerated() {
                for number in 0..<perTownAndSubject {
                    var words: [String] = []
                    for step in 0..<6 {
                        words.append(subject.words[(number * 3 + step * 7 + townIndex) % subject.words.count])
                    }
                    let text = """
                        Gemeinde \(town) · Bürgerbüro \(town) · Rathausplatz \(townIndex + 1)
                        \(filler[(number + subjectIndex) % filler.count])
                        Betreff: \(words[0]) und \(words[1])
                        \(words[2]) \(words[3]), \(words[4]); \(words[5]).
                        \(filler[(number + 2) % filler.count])
                        """
                    result.append(("\(town.prefix(1))\(subject.mainGroup)-\(number)", subject.mainGroup, town, text))
                }
            }
        }
        return result
    }

    static func corpus(perTownAndSubject: Int = 4) -> LabelledCorpus {
        LabelledCorpus(documents: documents(perTownAndSubject: perTownAndSubject).map {
            LabelledCorpus.Document(id: $0.id, text: $0.text, mainGroup: $0.mainGroup,
                                    columns: ["id": $0.id, "main_group": $0.mainGroup, "municipality": $0.town])
        })
    }
}
