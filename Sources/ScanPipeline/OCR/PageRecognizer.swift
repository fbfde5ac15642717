import Foundation

/// Recognises one page of a source file: what the batch runner needs of OCR. The OCR pool does it
/// with Tesseract on its worker threads (``OCRWorkerPool``); a test can hand the runner canned
/// pages instead, so that the pipeline runs without Tesseract.
///
/// `recognize` writes the page's searchable one-page PDF (the scan with its invisible text layer)
/// to `searchablePDF`, from which the record is assembled. It may be called concurrently.
protocol PageRecognizer: Sendable {
    /// Recognises page `index` (zero-based) of `source`.
    func recognize(_ source: SourceFile, page index: Int, searchablePDF: URL) async throws -> RecognizedPage
    /// Ends the work: no page is recognised after it.
    func shutdown() async
}

extension OCRWorkerPool: PageRecognizer {
    func recognize(_ source: SourceFile, page index: Int, searchablePDF: URL) async throws -> RecognizedPage {
        try await perform { engine in try engine.recognize(source, page: index, searchablePDF: searchablePDF) }
    }
}
