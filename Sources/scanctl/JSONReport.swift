import Foundation
import ScanPipeline

/// One JSON document, streamed page by page:
/// `{"engine": …, "pages": [ … ], "failures": [ … ], "summary": { … }}`.
final class JSONReport: OCRReport {
    private let languages: String
    private var pagesWritten = 0
    private var failures: [FailureJSON] = []
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(languages: String) { self.languages = languages }

    func begin() {
        let engine = EngineJSON(tesseract: OCREngine.tesseractVersion, scanctl: ScanCtlVersion.current, languages: languages)
        StandardOutput.write("{\"engine\":\(encode(engine)),\"pages\":[")
    }

    func page(_ page: RecognizedPage) {
        StandardOutput.write((pagesWritten == 0 ? "\n" : ",\n") + encode(PageJSON(page)))
        pagesWritten += 1
    }

    func failure(_ error: ScanPipelineError) {
        failures.append(FailureJSON(path: error.path, code: error.code.rawValue, reason: error.reason))
    }

    func end(summary: OCRSummary) {
        let totals = SummaryJSON(pages: summary.pages, failedPages: summary.failedPages,
                                 files: summary.filesDone, failedFiles: summary.failedFiles,
                                 seconds: (summary.elapsedSeconds * 1000).rounded() / 1000)
        StandardOutput.write("\n],\"failures\":\(encode(failures)),\"summary\":\(encode(totals))}\n")
    }

    private func encode(_ value: some Encodable) -> String {
        // The values are plain structs of strings and numbers; encoding cannot fail.
        String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    private struct EngineJSON: Encodable {
        var tesseract: String
        var scanctl: String
        var languages: String
    }

    private struct PageJSON: Encodable {
        var path: String
        var page: Int
        var pageCount: Int
        var width: Int
        var height: Int
        var resolution: Int
        var resolutionSource: ResolutionSource
        var orientation: OrientationCorrection
        var skew: SkewCorrection
        var colours: PageColours
        var ink: InkMeasurement?
        var meanConfidence: Double?
        var text: String
        var barcodes: [Barcode]
        var words: [RecognizedWord]
        var warnings: [String]
        var seconds: Double
        var timings: PageTimings

        init(_ page: RecognizedPage) {
            path = page.path
            self.page = page.pageNumber
            pageCount = page.pageCount
            width = page.width
            height = page.height
            resolution = page.resolution
            resolutionSource = page.resolutionSource
            orientation = page.orientation
            skew = page.skew
            colours = page.colours
            ink = page.ink
            meanConfidence = page.meanConfidence
            text = page.text
            barcodes = page.barcodes
            words = page.words
            warnings = page.warnings
            seconds = (page.seconds * 1000).rounded() / 1000
            timings = page.timings.rounded
        }

        /// As synthesised, except that a page without words says `"meanConfidence": null`.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(page, forKey: .page)
            try container.encode(pageCount, forKey: .pageCount)
            try container.encode(width, forKey: .width)
            try container.encode(height, forKey: .height)
            try container.encode(resolution, forKey: .resolution)
            try container.encode(resolutionSource, forKey: .resolutionSource)
            try container.encode(orientation, forKey: .orientation)
            try container.encode(skew, forKey: .skew)
            try container.encode(colours, forKey: .colours)
            try container.encode(ink, forKey: .ink)
            try container.encode(meanConfidence, forKey: .meanConfidence)
            try container.encode(text, forKey: .text)
            try container.encode(barcodes, forKey: .barcodes)
            try container.encode(words, forKey: .words)
            try container.encode(warnings, forKey: .warnings)
            try container.encode(seconds, forKey: .seconds)
            try container.encode(timings, forKey: .timings)
        }

        private enum CodingKeys: String, CodingKey {
            case path, page, pageCount, width, height, resolution, resolutionSource, orientation, skew, colours, ink
            case meanConfidence, text, barcodes, words, warnings, seconds, timings
        }
    }

    private struct FailureJSON: Encodable {
        var path: String?
        var code: String
        var reason: String
    }

    private struct SummaryJSON: Encodable {
        var pages: Int
        var failedPages: Int
        var files: Int
        var failedFiles: Int
        var seconds: Double
    }
}
