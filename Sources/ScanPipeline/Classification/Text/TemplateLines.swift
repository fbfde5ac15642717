import Foundation

/// Lines that recur across many documents of one source: letterheads, office names, "Beratungsfolge"
/// tables, "Finanzielle Auswirkungen", signature blocks, page footers. They say who wrote a document
/// and in which form, not what it is about, and they are what a model trained on one town learns
/// instead of the subject. Detected from the data, per source, never from a hand list: a line is a
/// template line of a source when, normalised, it occurs in at least `share` of that source's
/// documents (and in at least `minimumDocuments` of them). Detection needs no labels, so a town's
/// own unlabelled documents teach the classifier that town's templates.
///
/// Normalised: folded like the plan's search (case, umlauts, ß), every run of digits one `#`
/// (dates, page numbers and file numbers vary where the template does not), everything but letters,
/// `#` and single spaces dropped. Lines with fewer than four letters are never template lines:
/// too short to tell a template from a word.
struct TemplateLines: Sendable, Equatable {
    /// The normalised template lines.
    private(set) var lines: Set<String>

    static let defaultShare = 0.1
    static let defaultMinimumDocuments = 3

    init(lines: Set<String> = []) { self.lines = lines }

    /// Learns the template lines of each source from its documents.
    init(learningFrom documents: [(source: String, text: String)], share: Double = defaultShare,
         minimumDocuments: Int = defaultMinimumDocuments) {
        var bySource: [String: [String]] = [:]
        for document in documents { bySource[document.source, default: []].append(document.text) }
        var found = Set<String>()
        for texts in bySource.values {
            let needed = max(minimumDocuments, Int((Double(texts.count) * share).rounded(.up)))
            guard texts.count >= needed else { continue }
            var frequency: [String: Int] = [:]
            for text in texts {
                for line in Set(Self.candidateLines(text)) { frequency[line, default: 0] += 1 }
            }
            for (line, count) in frequency where count >= needed { found.insert(line) }
        }
        lines = found
    }

    var isEmpty: Bool { lines.isEmpty }
    var count: Int { lines.count }

    /// Both sets of template lines.
    func merging(_ other: TemplateLines) -> TemplateLines { TemplateLines(lines: lines.union(other.lines)) }

    /// `text` without its template lines; everything else as it was, line by line.
    func discounted(_ text: String) -> String {
        guard !lines.isEmpty else { return text }
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let normalised = Self.normalised(line), lines.contains(normalised) { continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    /// The lines of `text` that could be template lines, normalised.
    static func candidateLines(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap(normalised)
    }

    /// The normalised form of one line; nil when it has fewer than four letters.
    static func normalised(_ line: Substring) -> String? {
        var result = ""
        var letters = 0
        var pendingSpace = false
        var inNumber = false
        for character in GermanText.fold(String(line)) {
            if character.isLetter {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                inNumber = false
                result.append(character)
                letters += 1
            } else if character.isNumber {
                if !inNumber {
                    if pendingSpace, !result.isEmpty { result.append(" ") }
                    pendingSpace = false
                    result.append("#")
                    inNumber = true
                }
            } else if character.isWhitespace {
                pendingSpace = true
                inNumber = false
            }
            // Punctuation is dropped without a space: `lt. Beschluss-` and `lt Beschluss` are one line.
        }
        return letters >= 4 ? result : nil
    }
}

extension TemplateLines: Codable {
    /// Saved as a sorted list, so that the same documents always give the same model bytes.
    init(from decoder: any Decoder) throws {
        lines = Set(try decoder.singleValueContainer().decode([String].self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(lines.sorted())
    }
}
