import ScanPipeline

/// Plain text: `==> path (page i/n) <==` before each page, then Tesseract's text.
final class TextReport: OCRReport {
    func begin() {}

    func page(_ page: RecognizedPage) {
        StandardOutput.write("==> \(page.path) (page \(page.pageNumber)/\(page.pageCount)) <==\n")
        let text = page.text.hasSuffix("\n") || page.text.isEmpty ? page.text : page.text + "\n"
        StandardOutput.write(text + "\n")
    }

    // Failures are reported on standard error only; the text stays clean.
    func failure(_ error: ScanPipelineError) {}

    func end(summary: OCRSummary) {}
}
