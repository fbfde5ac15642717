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

    func page(_ page: RecognizedPage) {
        StandardOutput.write(page.hocr)
    }

    func failure(_ error: ScanPipelineError) {}

    func end(summary: OCRSummary) {
        StandardOutput.write(" </body>\n</html>\n")
    }
}
