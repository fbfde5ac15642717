/// What an export did.
public struct ExportSummary: Sendable, Encodable {
    public var target: ExportTarget
    public var folder: String
    /// Records whose files were written (new or changed since they were last exported there).
    public var exported: [String]
    /// Records whose files were already there with the same content: nothing written, nothing audited.
    public var unchanged: [String]
    /// Documents of the selection's batch and code discarded in review as nicht aktenrelevant:
    /// never exported, listed so that nobody looks for them in the DMS.
    public var discarded: [String] = []
    /// Files written, summary files included.
    public var filesWritten: Int
}
