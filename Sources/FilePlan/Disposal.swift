/// What happens at the end of retention (Aussonderungsart).
public enum Disposal: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Archivwürdig: offered to and taken by the public archive.
    case archive = "A"
    /// Bewerten: offered to the archive, which decides.
    case appraise = "B"
    /// Vernichten: destroyed once the archive has waived it.
    case destroy = "V"

    public var description: String {
        switch self {
        case .archive: "A (archivwürdig)"
        case .appraise: "B (bewerten)"
        case .destroy: "V (vernichten)"
        }
    }
}
