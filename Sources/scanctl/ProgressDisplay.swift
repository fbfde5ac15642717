import Foundation
import ScanPipeline

/// Progress on standard error: one redrawn line on a terminal, a line per finished file otherwise.
final class ProgressDisplay {
    private let enabled: Bool
    private let totalFiles: Int
    private let redraw = Terminal.standardErrorIsTerminal
    private var lineShown = false

    init(enabled: Bool, totalFiles: Int) {
        self.enabled = enabled
        self.totalFiles = totalFiles
    }

    func update(with event: OCREvent, summary: OCRSummary) {
        guard enabled else { return }
        if redraw {
            guard case .page = event else { return }
            let filesLeft = totalFiles - summary.filesDone
            var line = String(format: "[%d/%d files] %d pages, %.2f pages/s", summary.filesDone, totalFiles,
                              summary.pages, summary.pagesPerSecond)
            if summary.filesDone > 0, summary.pagesPerSecond > 0 {
                // Estimate from the pages per file seen so far.
                let pagesPerFile = Double(summary.pages) / Double(max(summary.filesDone, 1))
                let secondsLeft = Double(filesLeft) * pagesPerFile / summary.pagesPerSecond
                line += String(format: ", about %.0f s left", secondsLeft)
            }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            lineShown = true
        } else if case .fileFinished(let path) = event {
            Terminal.note(String(format: "[%d/%d files] %@: done (%d pages so far, %.2f pages/s)",
                                 summary.filesDone, totalFiles, path, summary.pages, summary.pagesPerSecond))
        }
    }

    func finish(summary: OCRSummary) {
        guard enabled else { return }
        if lineShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        var line = String(format: "Recognised %d page(s) from %d file(s) in %.1f s (%.2f pages/s).",
                          summary.pages, summary.filesDone - summary.failedFiles, summary.elapsedSeconds,
                          summary.pagesPerSecond)
        if summary.failedFiles > 0 {
            line += " \(summary.failedFiles) file(s) could not be read completely; see the errors above."
        }
        Terminal.note(line)
    }
}
