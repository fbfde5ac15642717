import ScanPipeline

/// Counts of an OCR run, kept up to date from the batch's events.
struct OCRSummary: Sendable {
    var startedAt = ContinuousClock.now
    var filesDone = 0
    var failedFiles = 0
    var pages = 0
    var failedPages = 0
    var ocrSeconds = 0.0
    private var failedPaths: Set<String> = []

    mutating func record(_ event: OCREvent) {
        switch event {
        case .fileStarted:
            break
        case .page(let page):
            pages += 1
            ocrSeconds += page.seconds
        case .pageFailed(let path, _, _):
            failedPages += 1
            if failedPaths.insert(path).inserted { failedFiles += 1 }
        case .fileFailed(let path, _):
            filesDone += 1
            if failedPaths.insert(path).inserted { failedFiles += 1 }
        case .fileFinished:
            filesDone += 1
        }
    }

    var elapsedSeconds: Double {
        let (seconds, attoseconds) = (ContinuousClock.now - startedAt).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    var pagesPerSecond: Double { elapsedSeconds > 0 ? Double(pages) / elapsedSeconds : 0 }
}
