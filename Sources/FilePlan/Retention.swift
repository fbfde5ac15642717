/// How long records under a plan node are kept after the file is closed (zdA): a number of years,
/// or for ever.
public enum Retention: Sendable, Hashable, Codable, CustomStringConvertible {
    case years(Int)
    case permanent

    /// Parses `10`, `permanent` and the German words authorities use (`dauernd`, `unbegrenzt`).
    public init?(parsing text: String) {
        let value = text.trimmingWhitespace().lowercased()
        if let years = Int(value), (0...200).contains(years) {
            self = .years(years)
        } else if ["permanent", "dauernd", "dauerhaft", "unbegrenzt", "unbefristet", "ewig"].contains(value) {
            self = .permanent
        } else {
            return nil
        }
    }

    /// `10 years` or `permanent`.
    public var description: String {
        switch self {
        case .years(let years): years == 1 ? "1 year" : "\(years) years"
        case .permanent: "permanent"
        }
    }

    /// The YAML and JSON form: a number of years, or `permanent`.
    var serialised: String {
        switch self {
        case .years(let years): String(years)
        case .permanent: "permanent"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .years(let years): try container.encode(years)
        case .permanent: try container.encode("permanent")
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let years = try? container.decode(Int.self) {
            self = .years(years)
        } else if let retention = Retention(parsing: try container.decode(String.self)) {
            self = retention
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a retention")
        }
    }
}
