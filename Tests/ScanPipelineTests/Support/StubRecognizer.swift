import Foundation
@testable import ScanPipeline

/// A page recognizer that needs no Tesseract: it returns a canned page for each page asked for
/// (the text given for the file's name, a clean 300-dpi scan otherwise) and writes a minimal
/// one-page PDF as the searchable page PDF, from which the record is assembled.
final class StubRecognizer: PageRecognizer {
    /// Text by source file name (last path component); files not named get `defaultText`.
    let texts: [String: String]
    let defaultText: String
    private let calls = LockedValue<[String]>([])
    private let failing = LockedValue<Set<String>>([])

    init(texts: [String: String] = [:], defaultText: String = "Sehr geehrte Damen und Herren, mit freundlichen Grüßen") {
        self.texts = texts
        self.defaultText = defaultText
    }

    /// The pages recognised, as "file#page".
    var recognised: [String] { calls.withLock { $0 } }

    /// Makes recognition of the files named (last path component) fail from now on, or succeed again.
    func fail(_ names: Set<String>) { failing.withLock { $0 = names } }

    func recognize(_ source: SourceFile, page index: Int, searchablePDF: URL) async throws -> RecognizedPage {
        let name = URL(fileURLWithPath: source.path).lastPathComponent
        calls.withLock { $0.append("\(name)#\(index + 1)") }
        if failing.withLock({ $0.contains(name) }) {
            throw ScanPipelineError(.recognition, path: source.path, "the stub was told to fail")
        }
        try Self.minimalPDF.write(to: searchablePDF)
        return Self.page(text: texts[name] ?? defaultText, path: source.path, number: index + 1, of: source.pageCount)
    }

    func shutdown() async {}

    /// A clean page: 300 dpi, upright, straight, ink on it, every word read with confidence 90.
    static func page(text: String, path: String, number: Int, of count: Int) -> RecognizedPage {
        let words = text.split(whereSeparator: \.isWhitespace).enumerated().map { index, word in
            RecognizedWord(text: String(word), box: PixelBox(x: 40 * index, y: 0, width: 36, height: 20), confidence: 90,
                           line: 0, block: 0)
        }
        return RecognizedPage(
            path: path, pageNumber: number, pageCount: count, imageSHA256: String(repeating: "\(number % 10)", count: 64),
            width: 2480, height: 3508, resolution: 300, resolutionSource: .file,
            orientation: OrientationCorrection(detectedDegrees: 0, confidence: 9, appliedDegrees: 0, detector: nil),
            skew: SkewCorrection(detectedDegrees: 0, confidence: 5, appliedDegrees: 0),
            text: text, barcodes: [], words: words, meanConfidence: words.isEmpty ? nil : 90, hocr: "", warnings: [],
            ink: InkMeasurement(coverage: 0.03, marks: 900, punchHoles: 0), colours: .grey, timings: PageTimings())
    }

    /// A valid one-page PDF (A4, empty content) with a correct cross-reference table.
    static let minimalPDF: Data = {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>",
            "<< /Length 0 >>\nstream\n\nendstream",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f\r\n"
        for offset in offsets { pdf += String(format: "%010d 00000 n\r\n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }()
}
