/// Assigns a document's text to the file plan. Implementations are layered behind this protocol:
/// the plan-based ``PlanRuleClassifier`` now, a statistical model later.
public protocol DocumentClassifier: Sendable {
    /// The classifier's name and version, recorded with every classification.
    var name: String { get }
    var version: String { get }
    /// Classifies `text` (the document's recognised text, pages joined).
    func classify(_ text: String) -> Classification
}
