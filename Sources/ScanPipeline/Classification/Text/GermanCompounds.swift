import Foundation

/// Splits German compounds into their parts (`Kassenbeleg` → `kasse`, `beleg`; `Freizeitbad` →
/// `freizeit`, `bad`; `Hundesteuerbescheid` → `hund`, `steuer`, `bescheid`) against the word list
/// of Hunspell's German dictionary (igerman98, Debian package hunspell-de-de), so that a plan
/// keyword and a statistical term are found in the compounds letters are written in. A word the
/// dictionary has as a whole (`Referat`, `Rathaus`) is never split: `rat` is not in `Referat`.
///
/// A split is modifier + linking element (s, es, n, en, e, er, ens or none) + head, with the head
/// a dictionary word (or one with a plural or case ending: `belege`), the modifier a dictionary
/// word or itself a compound; parts have at least three letters. Among the splits, the one with
/// the fewest parts wins, then the longest head. Everything is folded (`ä` → `ae`, `ß` → `ss`).
final class GermanCompounds: Sendable {
    /// Debian's location of the dictionary; `SCANCTL_HUNSPELL_DIC` names another file.
    static let defaultPath = "/usr/share/hunspell/de_DE.dic"
    static let minimumPart = 3
    /// Shorter words are not looked at: the shortest compounds of two three-letter parts.
    static let minimumCompound = 6
    private static let linking = ["", "s", "es", "n", "en", "e", "er", "ens"]
    /// Longest first, so that the lemma wins (`kassen` → `kasse`, `bades` → `bad`) where the list has both.
    private static let endings = ["ern", "en", "es", "er", "em", "e", "n", "s", ""]

    private let words: Set<String>
    private let memo = LockedValue<[String: [String]]>([:])

    /// The one word list of the process, or why there is none.
    static let loaded: Result<GermanCompounds, ScanPipelineError> = {
        let path = ProcessInfo.processInfo.environment["SCANCTL_HUNSPELL_DIC"] ?? defaultPath
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return .failure(ScanPipelineError(
                .dictionaryUnavailable, path: path,
                "the German word list for compound splitting cannot be read: install the Debian package hunspell-de-de "
                    + "(scripts/setup.sh does) or point SCANCTL_HUNSPELL_DIC to a de_DE.dic"))
        }
        return .success(GermanCompounds(dictionary: text))
    }()

    /// The word list; throws `.dictionaryUnavailable` when it is missing. Called where a
    /// classifier or a training run is set up, beside the stemmer's check.
    static func requireAvailable() throws(ScanPipelineError) -> GermanCompounds { try loaded.get() }

    /// From a Hunspell .dic file's text: a count line, then `word/FLAGS` per line (tab-indented lines are comments).
    init(dictionary: String) {
        var words = Set<String>()
        for line in dictionary.split(separator: "\n").dropFirst() where !line.hasPrefix("\t") && !line.hasPrefix("#") {
            let word = line.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            guard word.count >= Self.minimumPart, word.allSatisfy(\.isLetter) else { continue }
            words.insert(GermanText.fold(word))
        }
        self.words = words
    }

    /// Words given directly (tests).
    init(words: Set<String>) {
        self.words = Set(words.map(GermanText.fold))
    }

    /// The parts of a folded lowercase word, modifiers first and the head last; empty when it is
    /// not a compound the word list can explain.
    func parts(of word: String) -> [String] {
        guard word.count >= Self.minimumCompound, known(word) == nil, word.allSatisfy(\.isLetter) else { return [] }
        if let known = memo.withLock({ $0[word] }) { return known }
        let found = split(Array(word), depth: 0) ?? []
        let parts = found.count >= 2 ? found : []
        memo.withLock { if $0.count < 200_000 { $0[word] = parts } }
        return parts
    }

    /// The best split of `characters` into known parts (a single part when it is a word itself).
    private func split(_ characters: [Character], depth: Int) -> [String]? {
        let whole = String(characters)
        if depth > 0, let word = known(whole) { return [word] }
        guard depth < 4, characters.count >= 2 * Self.minimumPart else { return nil }
        var best: [String]?
        // The longest head first: the first split found with the fewest parts wins.
        for start in Self.minimumPart...(characters.count - Self.minimumPart) {
            guard let head = known(String(characters[start...])) else { continue }
            let modifier = Array(characters[..<start])
            for link in Self.linking where modifier.count - link.count >= Self.minimumPart {
                guard link.isEmpty || String(modifier.suffix(link.count)) == link else { continue }
                let stem = Array(modifier.dropLast(link.count))
                guard let front = known(String(stem)).map({ [$0] }) ?? split(stem, depth: depth + 1) else { continue }
                let candidate = front + [head]
                if best == nil || candidate.count < best!.count { best = candidate }
                if candidate.count == 2 { return candidate }
            }
        }
        return best
    }

    /// `text` as a dictionary word, or without a plural or case ending; nil when unknown.
    private func known(_ text: String) -> String? {
        for ending in Self.endings where text.count - ending.count >= Self.minimumPart && text.hasSuffix(ending) {
            let base = String(text.dropLast(ending.count))
            if words.contains(base) { return base }
        }
        return nil
    }
}
