import Foundation
import ScanPipeline

/// Progress of `scanctl run` on standard error: documents and pages done, pages/s, time left;
/// quarantined files and duplicates as they happen.
actor RunProgress {
    private let enabled: Bool
    private let redraw = Terminal.standardErrorIsTerminal
    private let started = ContinuousClock.now
    private var documents = 0
    private var pages = 0
    private var documentsDone = 0
    private var pagesDone = 0
    private var lineShown = false

    init(enabled: Bool) { self.enabled = enabled }

    func handle(_ event: RunEvent) {
        switch event {
        case .planned(let documents):
            self.documents = documents
            note("\(documents) input(s) to process")
        case .queued(_, let pages):
            self.pages += pages
        case .split(_, let parts):
            documents += parts
        case .skipped(let entry):
            clearLine()
            Terminal.warning("skipped: \(PlainText.line(entry.path)): \(PlainText.line(entry.reason)) [\(entry.code.rawValue)]")
        case .finishedBefore(let path, let document):
            documentsDone += 1
            note("done before the interruption: \(PlainText.line(path)) (document \(document.prefix(8)))")
        case .duplicate(let path, let document):
            documentsDone += 1
            note("duplicate: \(PlainText.line(path)) is already in the workspace (document \(document)); not filed again")
        case .retrying(let path, let quarantined):
            note("retrying: \(PlainText.line(path)) was quarantined (document \(quarantined.map { String($0.prefix(8)) }.joined(separator: ", "))); "
                 + "running it again")
        case .quarantineClosed(let path, _, let reason):
            note("\(PlainText.line(path)): \(PlainText.line(reason))")
        case .quarantined(let path, let error):
            clearLine()
            Terminal.error("quarantined: \(PlainText.line(path)): \(PlainText.line(error.reason)) [\(error.code.rawValue)]")
        case .pageRecognised:
            pagesDone += 1
            show()
        case .settled(let outcome):
            documentsDone += 1
            if !redraw, enabled {
                Terminal.note("[\(documentsDone)/\(max(documents, documentsDone))] \(PlainText.line(outcome.source)): \(outcome.state.rawValue)"
                              + (outcome.planCode.map { " \($0)" } ?? ""))
            }
            show()
        }
    }

    func finish() {
        clearLine()
    }

    private var line: String {
        let seconds = (ContinuousClock.now - started).components.seconds
        let rate = seconds > 0 ? Double(pagesDone) / Double(seconds) : 0
        var text = String(format: "[%d/%d documents, %d/%d pages] %.2f pages/s", documentsDone, max(documents, documentsDone),
                          pagesDone, max(pages, pagesDone), rate)
        if rate > 0, pages > pagesDone { text += String(format: ", about %.0f s left", Double(pages - pagesDone) / rate) }
        return text
    }

    private func show() {
        guard enabled, redraw else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        lineShown = true
    }

    private func note(_ message: String) {
        guard enabled else { return }
        clearLine()
        Terminal.note(message)
    }

    private func clearLine() {
        if lineShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        lineShown = false
    }
}
