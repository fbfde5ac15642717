import Foundation

/// One page of a record as the pipeline hands it to the PDF writer.
struct RecordPage: Sendable, Equatable {
    /// Tesseract's one-page PDF: the page image with its text layer, or for a grafted page the
    /// text layer alone.
    var pdf: URL
    /// For a PDF source: its own page, on which the text layer is laid.
    var graft: PDFPageGraft?

    init(pdf: URL, graft: PDFPageGraft? = nil) {
        self.pdf = pdf
        self.graft = graft
    }
}
