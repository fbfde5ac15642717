/// A file-plan code (Aktenplankennzeichen) and its digit key.
///
/// KGSt-style codes are read digit by digit (6 → 63 → 632), and people write them with dots in
/// different places (`63.2`, `632`, `6.3.2`, `632.10`). Two codes are the same node when their
/// digits are the same, so the digits are the key; the code as written is kept for display.
public struct PlanCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code as written in the plan, e.g. `63.2` or `632.10`.
    public let written: String
    /// The digits alone, e.g. `632` or `63210`: the node's identity.
    public let key: String

    /// A code from its written form; nil unless it is digits, optionally separated by single dots.
    public init?(_ written: String) {
        let trimmed = written.trimmingWhitespace()
        guard let first = trimmed.first, first.isASCIIDigit, let last = trimmed.last, last.isASCIIDigit,
              trimmed.allSatisfy({ $0.isASCIIDigit || $0 == "." }), !trimmed.contains("..") else { return nil }
        self.written = trimmed
        self.key = trimmed.filter(\.isASCIIDigit)
    }

    /// Whether `self` lies under `ancestor` (or is it): its digits start with the ancestor's.
    public func isDescendant(ofOrEqualTo ancestor: PlanCode) -> Bool {
        key.hasPrefix(ancestor.key)
    }

    public var description: String { written }

    public static func == (lhs: PlanCode, rhs: PlanCode) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    /// Plan order: digit by digit, so that 6 < 63 < 632 < 64.
    public static func < (lhs: PlanCode, rhs: PlanCode) -> Bool { lhs.key < rhs.key }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
