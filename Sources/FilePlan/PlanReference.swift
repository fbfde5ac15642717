import Foundation

/// A file reference (Aktenzeichen) found in a letter, e.g. `Ihr Zeichen: 63.2-0147/2024`.
public struct PlanReference: Sendable, Equatable {
    /// The reference as it stands in the text, e.g. `63.2-0147/2024`.
    public var text: String
    /// Its plan-code part, e.g. `63.2`.
    public var code: PlanCode
    /// The label before it (`Az.`, `Ihr Zeichen`, ...), nil for a bare reference.
    public var label: String?

    public init(text: String, code: PlanCode, label: String?) {
        self.text = text
        self.code = code
        self.label = label
    }

    /// Finds file references in text: after a label (`Az.`, `Aktenzeichen`, `Geschäftszeichen`,
    /// `Ihr/Unser/Mein Zeichen`, `Gz.`), or bare in the form `63.2-0147/2024`.
    public static func scan(_ text: String) -> [PlanReference] {
        var found: [PlanReference] = []
        var seenRanges: [Range<String.Index>] = []
        for (pattern, labelled) in [(labelledPattern, true), (barePattern, false)] {
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                guard let referenceRange = Range(match.range(at: labelled ? 2 : 1), in: text),
                      !seenRanges.contains(where: { $0.overlaps(referenceRange) }) else { continue }
                let reference = String(text[referenceRange]).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:)"))
                guard let code = planCode(in: reference) else { continue }
                let label = labelled ? Range(match.range(at: 1), in: text).map { String(text[$0]) } : nil
                seenRanges.append(referenceRange)
                found.append(PlanReference(text: reference, code: code, label: label))
            }
        }
        return found
    }

    /// The leading plan code of a reference: `63.2-0147/2024` → `63.2`, `632.10` → `632.10`,
    /// `20.1/Mü` → `20.1`.
    public static func planCode(in reference: String) -> PlanCode? {
        var code = Substring(reference.trimmingWhitespace())
        if let end = code.firstIndex(where: { !($0.isASCIIDigit || $0 == ".") }) { code = code[..<end] }
        while code.last == "." { code.removeLast() }
        return PlanCode(String(code))
    }

    // "Az.: 63.2-0147/2024", "Ihr Zeichen 20.1/Mü", "Geschäftszeichen: 632.10"
    private static let labelledPattern = try! NSRegularExpression(  // a literal pattern
        pattern: #"\b((?:Ihr(?:e)?|Unser(?:e)?|Mein(?:e)?)\s+(?:Zeichen|Az\.?|Aktenzeichen)|Aktenzeichen|Gesch(?:ä|ae)ftszeichen|Az\.?|Gz\.?)\s*[:.]?\s*([0-9]{1,4}(?:\.[0-9]+)*(?:[-/][0-9A-Za-zÄÖÜäöüß./-]*)?)"#,
        options: [.caseInsensitive])
    // "63.2-0147/2024" without a label: a code, a running number and a year.
    private static let barePattern = try! NSRegularExpression(  // a literal pattern
        pattern: #"(?<![0-9.])([0-9]{1,4}(?:\.[0-9]+)*-[0-9]{1,6}/[0-9]{2,4})(?![0-9])"#)
}

extension FilePlan {
    /// The node a reference points to: its own node, or the deepest existing ancestor of its code.
    public func resolve(_ reference: PlanReference) -> PlanNode? {
        deepestNode(matching: reference.code)
    }

    /// The node a reference text points to, e.g. `63.2-0147/2024` → node 63.2 (or its ancestor).
    public func resolve(reference text: String) -> PlanNode? {
        PlanReference.planCode(in: text).flatMap(deepestNode(matching:))
    }

    /// Every reference in `text` that points into this plan, with its node.
    public func references(in text: String) -> [(reference: PlanReference, node: PlanNode)] {
        PlanReference.scan(text).compactMap { reference in resolve(reference).map { (reference, $0) } }
    }
}
