/// The genre of a municipal document, for reporting figures apart: council papers and bylaws are
/// written so differently that a figure over both hides how each does (classify-dev's council
/// papers all come from one town and its bylaws from the others). Taken from a corpus's `genre`
/// column when it has one, otherwise recognised by the words each genre's form requires.
public enum DocumentGenre: String, Sendable, Codable, CaseIterable {
    case councilPaper = "Sitzungsvorlage"
    case bylaw = "Satzung/Verordnung"
    case other = "sonstige"

    /// A council paper names its Beratungsfolge or Beschlussvorschlag; a bylaw calls itself a
    /// Satzung, Verordnung, Ordnung or Richtlinie, or is made of §§, near its start.
    public static func recognise(_ text: String) -> DocumentGenre {
        let markers = ["Beschlussvorlage", "Mitteilungsvorlage", "Beratungsfolge", "Beschlussvorschlag", "Sitzungsvorlage",
                       "Drucksache"]
        if markers.contains(where: text.contains) { return .councilPaper }
        let start = String(text.prefix(600))
        if ["Satzung", "Verordnung", "Ordnung", "Richtlinie", "§"].contains(where: start.contains) { return .bylaw }
        return .other
    }

    /// A corpus's `genre` value (`Sitzungsvorlage`, `council paper`, `Satzung`, `bylaw`, …), else recognised.
    public static func of(text: String, column: String?) -> DocumentGenre {
        switch column?.lowercased() {
        case "sitzungsvorlage", "council paper", "council-paper", "vorlage": return .councilPaper
        case "satzung", "verordnung", "satzung/verordnung", "bylaw", "ortsrecht": return .bylaw
        case .some(let value) where !value.isEmpty: return .other
        default: return recognise(text)
        }
    }
}
