public import FilePlan

/// A record whose retention ended before the reference date: what `scanctl retention due` lists.
public struct DueRecord: Sendable, Equatable, Encodable {
    public var record: String
    public var batch: String
    public var state: DocumentState
    /// A (archivwürdig), B (bewerten) or V (vernichten), from the plan node.
    public var disposal: Disposal
    public var aktenzeichen: String?
    public var planCode: String?
    public var planTitle: String?
    public var title: String
    /// The last day of retention.
    public var retentionEnd: PlanDate
    /// `10 years`, as the plan says.
    public var retention: String?
}
