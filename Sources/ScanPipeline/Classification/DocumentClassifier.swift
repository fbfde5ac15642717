/// Assigns a document's text to the file plan. ``LayeredClassifier`` is the one `scanctl run` uses;
/// the protocol keeps the pipeline independent of how classification is done.
public protocol DocumentClassifier: Sendable {
    /// The classifier's name and version, recorded with every classification.
    var name: String { get }
    var version: String { get }
    /// Classifies `text` (the document's recognised text, pages joined).
    func classify(_ text: String) -> Classification
}
