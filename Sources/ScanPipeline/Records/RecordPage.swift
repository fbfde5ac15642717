import Foundation

/// One page of a record as the pipeline hands it to the PDF writer.
struct RecordPage: Sendable, Equatable {
    /// Tesseract's one-page PDF: the page image with its text layer, or for a grafted page the
    /// text layer alone.
    var pdf: URL
    /// For a PDF source: its own page, on which the text layer is laid.
    var graft: PDFPageGraft?
    /// Only this page (0-based) of `pdf`, as it is: a record's page kept by a rescan.
    var pageIndex: Int?

    init(pdf: URL, graft: PDFPageGraft? = nil, pageIndex: Int? = nil) {
        self.pdf = pdf
        self.graft = graft
        self.pageIndex = pageIndex
    }
}
