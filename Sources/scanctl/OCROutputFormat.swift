import ArgumentParser
import ScanPipeline

/// The formats `scanctl ocr` writes to standard output.
enum OCROutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Plain text, a header line before each page.
    case text
    /// One hOCR (XHTML) document with an `ocr_page` per page.
    case hocr
    /// One JSON document: pages with text, words, boxes and confidences; failures; a summary.
    case json

    func makeReport(languages: String) -> any OCRReport {
        switch self {
        case .text: TextReport()
        case .hocr: HOCRReport(languages: languages)
        case .json: JSONReport(languages: languages)
        }
    }
}

/// Writes an OCR run's results to standard output as they arrive, in order.
protocol OCRReport: AnyObject {
    func begin()
    func page(_ page: RecognizedPage)
    func failure(_ error: ScanPipelineError)
    func end(summary: OCRSummary)
}
