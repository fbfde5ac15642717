import ArgumentParser
import Foundation
import ScanPipeline

/// The OCR settings shared by every command that recognises pages.
struct OCROptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Tesseract languages, joined with + (e.g. deu+eng); default deu (run: the profile's).")
    var givenLanguages: String?

    var languages: String { givenLanguages ?? "deu" }
    var languagesGiven: Bool { givenLanguages != nil }

    @Option(name: .shortAndLong, help: "Parallel OCR workers (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Folder with Tesseract's *.traineddata (default: Tesseract's own).")
    var tessdata: String?

    @Option(help: ArgumentHelp("Largest page accepted, in megapixels; larger images are refused before decoding.",
                               valueName: "megapixels"))
    var maxPixels = 80

    @Option(help: "Resolution assumed for images that carry none, in dpi.")
    var defaultDpi = 300

    @Flag(help: "Do not turn pages upright.")
    var noRotate = false

    @Flag(help: "Do not straighten skewed pages.")
    var noDeskew = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxPixels < 1 { throw ValidationError("--max-pixels must be at least 1") }
        if !(50...2400).contains(defaultDpi) { throw ValidationError("--default-dpi must be between 50 and 2400") }
        if languages.isEmpty || languages.contains(where: { !($0.isLetter || $0.isNumber || "+_-".contains($0)) }) {
            throw ValidationError("--lang takes Tesseract language names joined with +, e.g. deu+eng")
        }
    }

    var workerCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    var ocrConfiguration: OCRConfiguration {
        OCRConfiguration(
            languages: languages,
            dataPath: tessdata,
            correctOrientation: !noRotate,
            deskew: !noDeskew,
            ingest: IngestConfiguration(maxPixelsPerPage: maxPixels * 1_000_000, defaultResolution: defaultDpi))
    }
}
