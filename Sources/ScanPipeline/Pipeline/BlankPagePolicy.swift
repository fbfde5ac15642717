/// When a page counts as blank: it carries no ink. Decided from the image (``InkMeasurement``),
/// never from the absence of recognised words, so handwriting, drawings and stamps are never
/// "blank". A profile can set the sensitivity and whether blank pages stay in the record.
public struct BlankPagePolicy: Sendable, Equatable, Codable {
    /// A page with at most this many marks of 1 mm or more...
    public var maximumMarks: Int
    /// ...or with ink on less than this share of its area (0.00002 = 0.002 %, about 1.3 mm² of an
    /// A4 page) is blank.
    public var maximumCoverage: Double
    /// Keep blank pages in the record, marked blank (replacement scanning of Bestandsakten wants
    /// every sheet); otherwise they are left out of it and named in the audit trail.
    public var keepInRecord: Bool

    public init(maximumMarks: Int = 0, maximumCoverage: Double = 0.00002, keepInRecord: Bool = false) {
        self.maximumMarks = maximumMarks
        self.maximumCoverage = maximumCoverage
        self.keepInRecord = keepInRecord
    }

    func isBlank(_ page: RecognizedPage) -> Bool {
        // Without a measurement nothing is known of the page: keep it.
        guard let ink = page.ink else { return false }
        // A PDF page whose text layer holds a sentence has content, however faint its image.
        if page.textLayerCharacters >= PDFInspector.textLayerMinimumCharacters { return false }
        return ink.marks <= maximumMarks || ink.coverage < maximumCoverage
    }
}
