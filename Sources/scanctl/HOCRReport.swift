import Foundation
import ScanPipeline

/// One hOCR document (XHTML) holding the `ocr_page` element of every page, as Tesseract's own
/// hOCR renderer writes it.
final class HOCRReport: OCRReport {
    private let languages: String

    init(languages: String) { self.languages = languages }

    func begin() {
        StandardOutput.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
                "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="\(languages.prefix(3))" lang="\(languages.prefix(3))">
             <head>
              <title>scanctl OCR</title>
              <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
              <meta name="ocr-system" content="tesseract \(OCREngine.tesseractVersion) via scanctl \(ScanCtlVersion.current)"/>
              <meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf"/>
             </head>
             <body>

            """)
    }

    private var pagesWritten = 0

    func page(_ page: RecognizedPage) {
        pagesWritten += 1
        StandardOutput.write(Self.rewrite(page.hocr, documentPage: pagesWritten, path: page.path))
    }

    /// Tesseract numbers the elements of a page by its page number within its file and names the
    /// image "unknown". In one document holding many files, ids must be unique and the image named:
    /// the page number in every id becomes the page's position in the document.
    static func rewrite(_ hocr: String, documentPage: Int, path: String) -> String {
        let ids = try! NSRegularExpression(pattern: "id='([a-z]+)_[0-9]+")  // a literal pattern
        var result = ids.stringByReplacingMatches(
            in: hocr, range: NSRange(hocr.startIndex..., in: hocr), withTemplate: "id='$1_\(documentPage)")
        let escaped = path
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "'", with: "&apos;")
            .replacingOccurrences(of: "\"", with: "&quot;")
        result = result.replacingOccurrences(of: "image \"unknown\"", with: "image \"\(escaped)\"")
        let pageNumber = try! NSRegularExpression(pattern: "ppageno [0-9]+")  // a literal pattern
        return pageNumber.stringByReplacingMatches(
            in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "ppageno \(documentPage - 1)")
    }

    func failure(_ error: ScanPipelineError) {}

    func end(summary: OCRSummary) {
        StandardOutput.write(" </body>\n</html>\n")
    }
}
