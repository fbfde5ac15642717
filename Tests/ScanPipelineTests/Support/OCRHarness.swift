import Foundation
import Logging
@testable import ScanPipeline

/// Runs files through a real Tesseract pool and collects the events.
struct OCRHarness {
    var configuration = OCRConfiguration()
    var workers = 1

    struct Outcome {
        var started: [SourceFile] = []
        var pages: [RecognizedPage] = []
        var failures: [ScanPipelineError] = []
        var order: [String] = []

        func failure(for path: String) -> ScanPipelineError? { failures.first { $0.path == path } }
    }

    func run(_ paths: [String]) async throws -> Outcome {
        let pool = try await OCRWorkerPool(configuration: configuration, workers: workers,
                                           logger: Logger(label: "test"))
        var outcome = Outcome()
        await OCRBatch(pool: pool).run(paths: paths) { event in
            switch event {
            case .fileStarted(let source):
                outcome.started.append(source)
                outcome.order.append("start \(source.path)")
            case .page(let page):
                outcome.pages.append(page)
                outcome.order.append("page \(page.path) \(page.pageNumber)")
            case .pageFailed(_, _, let error), .fileFailed(_, let error):
                outcome.failures.append(error)
                outcome.order.append("fail \(error.path ?? "")")
            case .fileFinished(let path):
                outcome.order.append("finish \(path)")
            }
        }
        await pool.shutdown()
        return outcome
    }

    /// Recognises a single one-page file.
    func page(_ path: String) async throws -> RecognizedPage {
        let outcome = try await run([path])
        if let failure = outcome.failures.first { throw failure }
        guard let page = outcome.pages.first else { throw ScanPipelineError(.recognition, path: path, "no page") }
        return page
    }
}
