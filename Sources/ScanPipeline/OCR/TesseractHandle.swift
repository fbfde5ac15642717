internal import COCR
import Foundation

/// Sole owner of one `TessBaseAPI`: initialised in `init` (failures thrown), ended and deleted in
/// `deinit`. Not thread-safe and not Sendable: one handle belongs to one worker thread.
final class TesseractHandle {
    private let handle: OpaquePointer
    /// The languages loaded, e.g. `deu` or `deu+eng`.
    let languages: String

    /// Loads `languages` from `dataPath` (nil: Tesseract's compiled-in default or `TESSDATA_PREFIX`).
    init(languages: String, dataPath: String?, pageSegmentation: TessPageSegMode) throws {
        // Tesseract's parameters include process-wide globals (debug_file among them) that Init and
        // SetVariable write without locking: engines starting at the same time crashed in tests.
        Self.initialisation.lock()
        defer { Self.initialisation.unlock() }
        guard let handle = TessBaseAPICreate() else {
            throw ScanPipelineError(.engineInitialisation, "Tesseract could not allocate an engine")
        }
        // Tesseract's diagnostics ("Estimating resolution", "Empty page!!") would interleave with our
        // output; every failure is reported through return codes instead.
        TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        guard TessBaseAPIInit2(handle, dataPath, languages, OEM_DEFAULT) == 0 else {
            // `self` is not initialised yet, so deinit will not run: free the handle here.
            TessBaseAPIEnd(handle)
            TessBaseAPIDelete(handle)
            let location = dataPath ?? "Tesseract's default data folder"
            throw ScanPipelineError(.engineInitialisation,
                "Tesseract could not load the language data '\(languages)' from \(location); "
                + "install the packages (Debian: tesseract-ocr-deu, tesseract-ocr-osd, ...) or check --lang")
        }
        TessBaseAPISetPageSegMode(handle, pageSegmentation)
        // Tesseract reads every poorly recognised line a second time inverted, for white-on-black
        // text. Measured on 47 mixed real pages (bench/capture-throughput.sh's batch, two CLI
        // processes): 49.6 s with it, 41.2 s without, 8,820 and 8,802 words: 17 % of the time for
        // 0.2 % of the words.
        TessBaseAPISetVariable(handle, "tessedit_do_invert", "0")
        self.handle = handle
        self.languages = languages
    }

    private static let initialisation = NSLock()

    /// Sets one of Tesseract's parameters for the next recognitions.
    @discardableResult
    func set(_ variable: String, _ value: String) -> Bool {
        TessBaseAPISetVariable(handle, variable, value) != 0
    }

    /// How the next recognitions segment the page (Tesseract reads the mode at each recognition).
    func setPageSegmentation(_ mode: TessPageSegMode) {
        TessBaseAPISetPageSegMode(handle, mode)
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// The Tesseract library version, e.g. `5.3.0`.
    static var version: String { String(cString: TessVersion()) }

    /// Orientation and script detection. Returns the clockwise rotation of the content in degrees
    /// (0, 90, 180, 270) and Tesseract's confidence, or nil when there is too little text to tell.
    func detectOrientation(_ image: borrowing PixImage, resolution: Int) -> (degrees: Int, confidence: Double)? {
        TessBaseAPISetImage2(handle, image.pointer)
        TessBaseAPISetSourceResolution(handle, Int32(resolution))
        defer { TessBaseAPIClear(handle) }
        var degrees: Int32 = 0
        var confidence: Float = 0
        var scriptConfidence: Float = 0
        // The script name points into Tesseract's unicharset; we do not need it and pass nil.
        guard TessBaseAPIDetectOrientationScript(handle, &degrees, &confidence, nil, &scriptConfidence) != 0 else {
            return nil
        }
        return (Int(degrees), Double(confidence))
    }

    /// Recognises `image` and returns its text, words, mean confidence and hOCR.
    /// With `deadline` (milliseconds), Tesseract stops there and returns what it has read.
    func recognize(_ image: borrowing PixImage, resolution: Int, pageNumber: Int, blank: Bool = false,
                   within area: PixelBox? = nil, deadline: Int? = nil, hocr: Bool = false) throws -> Recognition {
        TessBaseAPISetImage2(handle, image.pointer)
        TessBaseAPISetSourceResolution(handle, Int32(resolution))
        restrict(blank: blank, to: area)
        defer { TessBaseAPIClear(handle) }
        try recognizeCurrent(pageNumber: pageNumber, deadline: deadline)
        return results(pageNumber: pageNumber, hocr: hocr)
    }

    /// Recognises `image` and also writes the page as a one-page searchable PDF: `pageImage` (the
    /// scan at its own depth and colours; `image` is what recognition sees) with the recognised
    /// text as an invisible layer (Tesseract's PDF renderer: 1-bit images as G4, others as JPEG,
    /// a JPEG file named in `pdf.originalFile` as its own bytes), or the text layer alone.
    /// A `blank` page (no ink) is not recognised at all: Tesseract looks at one corner pixel, and
    /// the PDF holds the page image with no text (on a page of scanner streaks recognition took
    /// four seconds and read nothing).
    /// With `area`, only that part of the page is recognised (the sheet on a dark background);
    /// the words keep the page's coordinates and the PDF holds the whole page.
    func recognize(_ image: borrowing PixImage, resolution: Int, pageNumber: Int, pdf: PDFOutput,
                   pageImage: borrowing PixImage, blank: Bool = false, within area: PixelBox? = nil,
                   hocr: Bool = false) throws -> Recognition {
        TessBaseAPISetImage2(handle, image.pointer)
        TessBaseAPISetSourceResolution(handle, Int32(resolution))
        restrict(blank: blank, to: area)
        defer {
            TessBaseAPISetInputName(handle, nil)
            TessBaseAPIClear(handle)
        }
        try recognizeCurrent(pageNumber: pageNumber)
        // LSTM recognition reads the "input image" too, so the page image replaces it only now.
        // Tesseract takes ownership of the pointer it is given: hand it a clone (a reference).
        TessBaseAPISetInputImage(handle, pixClone(pageImage.pointer))
        if let original = pdf.originalFile { TessBaseAPISetInputName(handle, original) }
        try renderPDF(to: pdf.path, pageNumber: pageNumber, textOnly: pdf.textOnly)
        return results(pageNumber: pageNumber, hocr: hocr)
    }

    /// Where and how to write a page's searchable PDF.
    struct PDFOutput {
        var path: String
        /// Only the invisible text, to be laid over the original page of a PDF source.
        var textOnly: Bool
        /// A JPEG file whose bytes are the page image, untouched (no turn, no straightening).
        var originalFile: String?
    }

    private func restrict(blank: Bool, to area: PixelBox?) {
        if blank {
            TessBaseAPISetRectangle(handle, 0, 0, 1, 1)
        } else if let area {
            TessBaseAPISetRectangle(handle, Int32(area.x), Int32(area.y), Int32(area.width), Int32(area.height))
        }
    }

    private func recognizeCurrent(pageNumber: Int, deadline: Int? = nil) throws {
        var monitor: OpaquePointer? = nil
        if let deadline {
            monitor = TessMonitorCreate()
            TessMonitorSetDeadlineMSecs(monitor, Int32(deadline))
        }
        defer { if let monitor { TessMonitorDelete(monitor) } }
        guard TessBaseAPIRecognize(handle, monitor) == 0 || deadline != nil else {
            throw ScanPipelineError(.recognition, "Tesseract failed to recognise page \(pageNumber)")
        }
    }

    private func results(pageNumber: Int, hocr withHOCR: Bool) -> Recognition {
        let text = Self.take(TessBaseAPIGetUTF8Text(handle))
        let hocr = withHOCR ? Self.take(TessBaseAPIGetHOCRText(handle, Int32(pageNumber - 1))) : ""
        let words = collectWords()
        // MeanTextConf is 0 for a page without words; report nil then rather than a fake 0.
        let mean = words.isEmpty ? nil : Double(TessBaseAPIMeanTextConf(handle))
        return Recognition(text: text, words: words, meanConfidence: mean, hocr: hocr)
    }

    /// Writes the current page with its recognition as a PDF. The renderer appends `.pdf` to the base
    /// name it is given, so `path` must end in `.pdf`.
    private func renderPDF(to path: String, pageNumber: Int, textOnly: Bool) throws {
        guard path.hasSuffix(".pdf") else {
            throw ScanPipelineError(.recognition, path: path, "a searchable PDF's name must end in .pdf")
        }
        let base = String(path.dropLast(4))
        guard let renderer = TessPDFRendererCreate(base, TessBaseAPIGetDatapath(handle), textOnly ? 1 : 0) else {
            throw ScanPipelineError(.recognition, path: path, "Tesseract's PDF renderer could not start (is pdf.ttf in the tessdata folder?)")
        }
        defer { TessDeleteResultRenderer(renderer) }
        guard TessResultRendererBeginDocument(renderer, "page \(pageNumber)") != 0,
              TessResultRendererAddImage(renderer, handle) != 0,
              TessResultRendererEndDocument(renderer) != 0 else {
            throw ScanPipelineError(.recognition, path: path, "Tesseract could not write the searchable PDF of page \(pageNumber)")
        }
    }

    private func collectWords() -> [RecognizedWord] {
        guard let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let pageIterator = TessResultIteratorGetPageIterator(iterator)
        var words: [RecognizedWord] = []
        var line = -1
        var block = -1
        repeat {
            if TessPageIteratorIsAtBeginningOf(pageIterator, RIL_BLOCK) != 0 { block += 1 }
            if TessPageIteratorIsAtBeginningOf(pageIterator, RIL_TEXTLINE) != 0 { line += 1 }
            guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = Self.take(raw)
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard TessPageIteratorBoundingBox(pageIterator, RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD))
            words.append(RecognizedWord(
                text: text,
                box: PixelBox(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top)),
                confidence: confidence, line: max(line, 0), block: max(block, 0)))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return words
    }

    /// Copies a Tesseract-allocated string and frees it.
    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { TessDeleteText(pointer) }
        return String(cString: pointer)
    }

    /// What one recognition produced.
    struct Recognition {
        var text: String
        var words: [RecognizedWord]
        var meanConfidence: Double?
        var hocr: String

        /// Words with a letter or digit.
        var textualWordCount: Int { words.count { $0.text.contains { $0.isLetter || $0.isNumber } } }

        /// Most words of three letters or more are taller than wide: Tesseract found the lines
        /// running up or down the page and read them as vertical text, which it does as well as
        /// upright text. The page lies sideways.
        var readsVertically: Bool {
            let long = words.filter { $0.text.count >= 3 }
            return long.count >= 5 && long.filter { $0.box.height > $0.box.width }.count * 2 > long.count
        }
    }
}
