/// Protection need of records (BSI levels): how carefully they must be handled and who may see them.
public enum Schutzbedarf: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case normal
    case hoch
    case sehrHoch = "sehr-hoch"

    public var description: String { rawValue }

    private var rank: Int {
        switch self {
        case .normal: 0
        case .hoch: 1
        case .sehrHoch: 2
        }
    }

    public static func < (lhs: Schutzbedarf, rhs: Schutzbedarf) -> Bool { lhs.rank < rhs.rank }
}
