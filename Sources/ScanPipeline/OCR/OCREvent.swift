/// What ``OCRBatch`` reports, in file order and page order.
public enum OCREvent: Sendable {
    /// A file was inspected and will be recognised page by page.
    case fileStarted(SourceFile)
    /// A page was recognised.
    case page(RecognizedPage)
    /// A page of an otherwise readable file failed.
    case pageFailed(path: String, pageNumber: Int, error: ScanPipelineError)
    /// A file could not be read at all (empty, not an image, corrupt, too large, encrypted, ...).
    case fileFailed(path: String, error: ScanPipelineError)
    /// Every page of a started file has been reported.
    case fileFinished(path: String)
}
