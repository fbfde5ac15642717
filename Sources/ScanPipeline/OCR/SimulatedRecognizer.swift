internal import COCR
import Foundation

/// For the worker benchmark only (`scanctl worker --simulate-ocr SECONDS`): a recognizer that
/// decodes each page as the engine does, writes it as an image-only page PDF through Leptonica,
/// and then waits as long as Tesseract would take on the page instead of recognising it. The
/// pipeline around it (claims, commits, audit appends, records) is the real one, so the scaling
/// of workers is measured without the two cores' OCR capacity bounding it. Every page reads the
/// same fixed German text.
struct SimulatedRecognizer: PageRecognizer {
    let seconds: Double
    let loader: PageLoader
    /// One page at a time per engine, as the OCR pool's engines take them.
    let engines: EngineGate
    static let text = "Sehr geehrte Damen und Herren, anbei der Antrag auf Baugenehmigung für das Grundstück. Mit freundlichen Grüßen"

    init(seconds: Double, ingest: IngestConfiguration, engines: Int) {
        self.seconds = seconds
        loader = PageLoader(configuration: ingest)
        self.engines = EngineGate(engines: engines)
    }

    func recognize(_ source: SourceFile, page index: Int, searchablePDF: URL) async throws -> RecognizedPage {
        let loader = loader
        let (hash, width, height, resolution) = try await BlockingWork.run {
            let image = try loader.load(source, page: index)
            var bytes: UnsafeMutablePointer<UInt8>?
            var size = 0
            guard pixWriteMemPdf(&bytes, &size, image.pointer, Int32(image.resolution.x), nil) == 0, let bytes else {
                throw ScanPipelineError(.recognition, path: source.path, "Leptonica could not write page \(index + 1) as PDF")
            }
            defer { free(bytes) }
            try Data(bytes: bytes, count: size).write(to: searchablePDF)
            return (image.sha256(), image.width, image.height, image.resolution.x)
        }
        await FailPoint.stallRecognition.stall()
        await engines.enter()
        do { try await Task.sleep(for: .seconds(seconds)) } catch {
            await engines.leave()
            throw error
        }
        await engines.leave()
        let words = Self.text.split(separator: " ").enumerated().map { offset, word in
            RecognizedWord(text: String(word), box: PixelBox(x: 40 * offset, y: 100, width: 36, height: 20), confidence: 90, line: 0, block: 0)
        }
        return RecognizedPage(
            path: source.path, pageNumber: index + 1, pageCount: source.pageCount, imageSHA256: hash, width: width,
            height: height, resolution: resolution, resolutionSource: .file,
            orientation: OrientationCorrection(detectedDegrees: 0, confidence: 9, appliedDegrees: 0, detector: nil),
            skew: SkewCorrection(detectedDegrees: 0, confidence: 5, appliedDegrees: 0),
            text: Self.text, barcodes: [], words: words, meanConfidence: 90, hocr: "", warnings: [],
            ink: InkMeasurement(coverage: 0.03, marks: 900, punchHoles: 0), colours: .grey, timings: PageTimings())
    }

    func shutdown() async {}
}

/// As many simulated recognitions at once as the worker has engines; the others wait their turn.
actor EngineGate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(engines: Int) { free = max(1, engines) }

    func enter() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

extension DocumentWorker {
    /// The benchmark's worker: pages are decoded and written, and recognition is a wait of
    /// `seconds` (``SimulatedRecognizer``).
    public func run(simulatingOCRSeconds seconds: Double, ingest: IngestConfiguration,
                    events: @escaping @Sendable (RunEvent) async -> Void = { _ in }) async throws -> WorkerSummary {
        try await run(recognizer: SimulatedRecognizer(seconds: seconds, ingest: ingest, engines: options.jobs), events: events)
    }
}
