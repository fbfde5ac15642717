import FilePlan

/// Markings by which a document asks to be handled as confidential: "persönlich" or "vertraulich"
/// above the address, or words that only personnel, medical or social-data papers carry anywhere
/// on the first page (a cover sheet or the letter's first page). "persönlich" in a letter's body
/// means something else, so those two count only near the top.
enum SchutzbedarfMarkers {
    struct Marking: Sendable, Equatable {
        var word: String
        var level: Schutzbedarf
    }

    /// Folded tokens (GermanText.tokens) that mark the top of a first page.
    static let top: [(token: String, word: String, level: Schutzbedarf)] = [
        ("geheim", "Geheim", .sehrHoch), ("verschlusssache", "Verschlusssache", .sehrHoch),
        ("vertraulich", "vertraulich", .hoch), ("persoenlich", "persönlich", .hoch),
    ]

    /// Folded tokens that mark a first page anywhere: personnel files, health and social data.
    static let anywhere: [(token: String, word: String)] = [
        ("personalakte", "Personalakte"), ("personalsache", "Personalsache"), ("personalangelegenheit", "Personalangelegenheit"),
        ("arbeitsunfaehigkeitsbescheinigung", "Arbeitsunfähigkeitsbescheinigung"), ("attest", "Attest"),
        ("diagnose", "Diagnose"), ("krankenakte", "Krankenakte"), ("gesundheitsdaten", "Gesundheitsdaten"),
        ("schwerbehinderung", "Schwerbehinderung"), ("sozialdaten", "Sozialdaten"), ("sozialgeheimnis", "Sozialgeheimnis"),
    ]

    /// The strongest marking on `firstPage`, or nil.
    static func detect(in firstPage: String) -> Marking? {
        let head = Set(GermanText.tokens(String(firstPage.prefix(600))))
        let page = Set(GermanText.tokens(firstPage))
        var found: [Marking] = top.filter { head.contains($0.token) }.map { Marking(word: $0.word, level: $0.level) }
        found += anywhere.filter { page.contains($0.token) }.map { Marking(word: $0.word, level: .hoch) }
        return found.max { $0.level < $1.level }
    }
}
