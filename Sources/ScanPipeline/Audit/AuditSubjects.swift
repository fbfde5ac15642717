/// What an audit event is about: any of a batch, a source file (by its SHA-256) and a document.
public struct AuditSubjects: Sendable, Equatable, Codable {
    public var batch: String?
    public var file: String?
    public var document: String?

    public init(batch: String? = nil, file: String? = nil, document: String? = nil) {
        self.batch = batch
        self.file = file
        self.document = document
    }
}
