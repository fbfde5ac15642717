import Foundation

/// Assembles a record's PDF/A-2b with qpdf from Tesseract's one-page searchable PDFs (the scan
/// image with an invisible text layer in Tesseract's embedded GlyphLessFont), adding what the
/// renderer leaves out: an XMP packet with the PDF/A-2b identification and the record's metadata,
/// the same values in the document information dictionary, and an sRGB output intent, which the
/// DeviceRGB and DeviceGray page images need. qpdf writes a new cross-reference table, a
/// deterministic /ID and no encryption. The text is invisible (render mode 3), so PDF/A's rule that
/// glyph widths match the font program does not concern it.
struct ArchivalPDFWriter {
    static let format = "PDF/A-2b"
    static let outputCondition = "sRGB IEC61966-2.1"

    let profile: Data

    init(profile: Data) { self.profile = profile }

    init() throws { try self.init(profile: SRGBProfile.data()) }

    /// Writes `output` from `pages`, PDFs whose pages are taken in order: Tesseract's one-page PDFs,
    /// or a record's PDF/A whose description a review changed (its old XMP, information
    /// dictionary and output intent are replaced, and qpdf leaves the unreferenced objects out).
    func write(pages: [URL], description: ArchivalPDFDescription, to output: URL) throws {
        try write(pages: pages.map { RecordPage(pdf: $0) }, description: description, to: output)
    }

    /// Writes `output` from record pages: Tesseract's one-page PDFs, or a PDF source's own pages
    /// with Tesseract's text layer grafted on.
    func write(pages: [RecordPage], description: ArchivalPDFDescription, to output: URL) throws {
        guard let first = pages.first else {
            throw ScanPipelineError(.archivalPDF, path: output.path, "a record needs at least one page")
        }
        let startsEmpty = first.graft != nil || first.pageIndex != nil
        let document = startsEmpty ? try QPDFDocument(emptyNamed: output.path) : try QPDFDocument(reading: first.pdf.path)
        var originals: [String: QPDFDocument] = [:]
        for (index, page) in pages.enumerated() {
            if let graft = page.graft {
                let original = try originals[graft.sourcePath] ?? QPDFDocument(reading: graft.sourcePath)
                originals[graft.sourcePath] = original
                try document.appendGrafted(graft, original: original, textLayer: QPDFDocument(reading: page.pdf.path))
            } else if let pageIndex = page.pageIndex {
                let original = try originals[page.pdf.path] ?? QPDFDocument(reading: page.pdf.path)
                originals[page.pdf.path] = original
                try document.appendPage(pageIndex, of: original)
            } else if index > 0 {
                try document.appendPages(of: QPDFDocument(reading: page.pdf.path))
            }
        }
        let root = document.root
        let xmp = document.stream(XMPPacket.data(for: description),
                                  [("Type", document.name("Metadata")), ("Subtype", document.name("XML"))])
        document.set("Metadata", xmp, in: root)
        let intent = document.dictionary([
            ("Type", document.name("OutputIntent")),
            ("S", document.name("GTS_PDFA1")),
            ("OutputConditionIdentifier", document.text(Self.outputCondition)),
            ("Info", document.text(Self.outputCondition)),
            ("DestOutputProfile", document.stream(profile, [("N", document.integer(3))])),
        ])
        document.set("OutputIntents", document.array([intent]), in: root)

        // A new information dictionary replaces Tesseract's ("page 1", its own producer).
        var info: [(String, QPDFDocument.Object)] = [
            ("Title", document.text(description.title)),
            ("Creator", document.text(description.creatorTool)),
            ("Producer", document.text(description.producer)),
            ("CreationDate", document.text(ArchivalPDFDescription.pdfDate(description.created))),
            ("ModDate", document.text(ArchivalPDFDescription.pdfDate(description.modified))),
        ]
        if let subject = description.subject { info.append(("Subject", document.text(subject))) }
        if let keywords = description.keywords { info.append(("Keywords", document.text(keywords))) }
        document.set("Info", document.indirect(document.dictionary(info)), in: document.trailer)
        try document.write(to: output.path)
    }
}
