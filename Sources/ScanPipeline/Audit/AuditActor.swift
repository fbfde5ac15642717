/// Who or what caused an audit event: a person (an operator, a records manager) or a component of
/// scanctl with its version, so that every change can be traced to a person or to exact software.
public struct AuditActor: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case person
        case component
    }

    public var kind: Kind
    /// The person's name or the component's name (`scanctl`, `tesseract`, `classifier`).
    public var name: String
    /// The component's version; nil for a person.
    public var version: String?

    public init(kind: Kind, name: String, version: String? = nil) {
        self.kind = kind
        self.name = name
        self.version = version
    }

    public static func person(_ name: String) -> AuditActor { AuditActor(kind: .person, name: name) }

    public static func component(_ name: String, version: String) -> AuditActor {
        AuditActor(kind: .component, name: name, version: version)
    }
}
