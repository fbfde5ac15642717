import Foundation

/// When a document is filed automatically: the calibrated probability its node needs, per level of
/// the plan. The probability of a node is that of its parent times its own among the siblings, so
/// deeper levels usually get lower thresholds.
public struct DecisionPolicy: Sendable, Equatable, CustomStringConvertible {
    /// Thresholds for level 1, 2, 3, ...; the last one holds for every deeper level.
    public var thresholds: [Double]

    public static let standard = DecisionPolicy(thresholds: [0.95, 0.90, 0.85])

    public init(thresholds: [Double]) {
        precondition(!thresholds.isEmpty, "a policy needs at least one threshold")
        self.thresholds = thresholds
    }

    /// Parses `0.97,0.9,0.85`: each a probability in 0...1.
    public init?(parsing text: String) {
        let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0.map { (0...1).contains($0) } ?? false }) else { return nil }
        self.init(thresholds: values.compactMap { $0 })
    }

    public func threshold(level: Int) -> Double { thresholds[min(max(level, 1), thresholds.count) - 1] }

    public var description: String { thresholds.map { String($0) }.joined(separator: ",") }
}
