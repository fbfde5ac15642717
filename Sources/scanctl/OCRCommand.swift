import ArgumentParser
import Foundation
import Logging
import ScanPipeline

extension ScanCtl {
    struct OCR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ocr",
            abstract: "Recognise the text of scanned files (TIFF, PNG, JPEG, PDF; all pages).",
            discussion: """
                Each page is turned upright (90°, 180°, 270°) when Tesseract's orientation detection is \
                confident, straightened when it is skewed, and recognised. Results go to standard output \
                in file and page order; progress, warnings and errors go to standard error.

                A file that cannot be read (empty, not an image, damaged, encrypted, larger than the pixel \
                limit) is reported with its name and the reason, and the other files go on.

                Exit codes:
                  0  every page of every file was recognised
                  1  at least one file or page could not be read (each is named on standard error)
                  3  the OCR engine could not start (missing language data)
                  64 invalid arguments
                """
        )

        @Argument(help: "The files to recognise.", completion: .file())
        var files: [String]

        @OptionGroup var options: OCROptions

        @Option(help: "Output format: text, hocr or json.")
        var format: OCROutputFormat = .text

        @Flag(name: .shortAndLong, help: "No progress display on standard error.")
        var quiet = false

        mutating func run() async throws {
            let logger = Logger(label: "scanctl")
            let pool: OCRWorkerPool
            do {
                var configuration = options.ocrConfiguration
                configuration.produceHOCR = format == .hocr
                pool = try await OCRWorkerPool(configuration: configuration, workers: options.workerCount, logger: logger)
            } catch {
                Terminal.error("\(error)")
                throw ExitStatus.engine.code
            }
            let report = format.makeReport(languages: options.languages)
            let progress = ProgressDisplay(enabled: !quiet, totalFiles: files.count)
            var summary = OCRSummary()

            report.begin()
            await OCRBatch(pool: pool).run(paths: files) { event in
                summary.record(event)
                progress.update(with: event, summary: summary)
                switch event {
                case .fileStarted(let source):
                    for warning in source.warnings { Terminal.warning("\(source.path): \(warning)") }
                case .page(let page):
                    for warning in page.warnings { Terminal.warning("\(page.path): page \(page.pageNumber): \(warning)") }
                    report.page(page)
                case .pageFailed(_, _, let error), .fileFailed(_, let error):
                    Terminal.error("\(error)")
                    report.failure(error)
                case .fileFinished:
                    break
                }
            }
            report.end(summary: summary)
            progress.finish(summary: summary)
            await pool.shutdown()
            if summary.failedFiles > 0 { throw ExitStatus.refused.code }
        }
    }
}
