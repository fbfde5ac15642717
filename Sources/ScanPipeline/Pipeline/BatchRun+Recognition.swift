import AsyncAlgorithms
import Foundation

/// A page back from the OCR pool.
enum PageOutcome: Sendable {
    case recognised(document: String, page: RecognizedPage)
    case failed(document: String, page: Int, error: ScanPipelineError)
}

/// A recognised page as stored in the workspace.
package struct StoredPage: Sendable {
    package var number: Int
    package var imageSHA256: String
    package var blank: Bool
    package var rotation: Int
    package var skew: Double
    package var meanConfidence: Double?
    package var text: String
    /// A separator sheet: in the audit, never in a record.
    package var separator: Bool
    /// Ink but no recognised text (handwriting, a drawing, a stamp).
    package var noText: Bool
    package var barcodes: [Barcode]
    /// Why the page is flagged for rescan; empty when it passed.
    package var quality: [String]

    package init(number: Int, imageSHA256: String, blank: Bool, rotation: Int, skew: Double, meanConfidence: Double? = nil, text: String, separator: Bool, noText: Bool, barcodes: [Barcode], quality: [String]) {
        self.number = number
        self.imageSHA256 = imageSHA256
        self.blank = blank
        self.rotation = rotation
        self.skew = skew
        self.meanConfidence = meanConfidence
        self.text = text
        self.separator = separator
        self.noText = noText
        self.barcodes = barcodes
        self.quality = quality
    }

    /// Neither blank nor a separator sheet: it has ink, and the record must have it.
    package var hasContent: Bool { !blank && !separator }

    /// Whether the page goes into the record: every page with content, and blank pages too when
    /// the profile keeps them (Bestandsakten: every sheet).
    package func inRecord(keepingBlankPages keep: Bool) -> Bool { !separator && (!blank || keep) }
}

extension BatchRun {
    /// OCR of every page not yet recognised, as documents arrive from the ingest stage, with at most
    /// two pages per worker in flight; each result is committed as it comes, and a document is
    /// finished as soon as its last page is in.
    func process(_ ingested: AsyncThrowingChannel<IngestResult, any Error>) async throws {
        let limit = max(2, runner.configuration.workers * 2)
        try await withThrowingTaskGroup(of: PageOutcome.self) { group in
            var inFlight = 0
            var remaining: [String: Int] = [:]
            var items: [String: WorkItem] = [:]
            var abandoned: Set<String> = []

            func handle(_ outcome: PageOutcome) async throws {
                switch outcome {
                case .recognised(let document, let page):
                    guard !abandoned.contains(document), let item = items[document] else { return }
                    try await store(page, of: item)
                    remaining[document, default: 1] -= 1
                    if remaining[document] == 0 { try await finish(item) }
                case .failed(let document, let number, var error):
                    guard !abandoned.contains(document), let item = items[document] else { return }
                    abandoned.insert(document)
                    error.path = item.path
                    error.reason = "page \(number) of \(item.pageCount): \(error.reason)"
                    try await quarantine(item, error: error)
                }
            }

            let stop = runner.configuration.stop
            for try await result in ingested {
                // Asked to stop: nothing new starts; the pages in flight are committed below.
                if stop?.isRequested == true { break }
                var item: WorkItem
                switch result {
                case .work(let work) where registersOnly:
                    // Registered: a worker (this run's own, or another host's) claims it.
                    summary.queued += 1
                    await events(.queued(document: work.document, pages: work.pageCount))
                    continue
                case .work(let work):
                    item = work
                case .duplicate(let path, let document):
                    summary.duplicates += 1
                    await events(.duplicate(path: path, document: document))
                    continue
                case .quarantined(let outcome, let error):
                    settle(outcome)
                    await events(.quarantined(path: outcome.source, error: error))
                    await events(.settled(outcome))
                    continue
                case .skipped:
                    continue
                }
                await events(.queued(document: item.document, pages: item.pageCount))
                switch DocumentLifecycle.nextAction(in: item.state) {
                case .classify, .writeRecord:
                    // Recognised before the kill (or split off): only the steps after recognition
                    // remain, with the page files (another host's scratch had them: made again).
                    do {
                        try await restoreMissingPagePDFs(item)
                    } catch let error as ScanPipelineError where error.code != .leaseLost && error.code != .storage {
                        try await quarantine(item, error: error)
                        continue
                    }
                    try await finish(item)
                    continue
                case .separate:
                    item = try await separateIngested(item)
                case .recognisePages:
                    break
                case .rewriteRecord, .none:
                    continue
                }
                let sources: PageSources
                do {
                    sources = try await verifiedSource(item)
                } catch let error as ScanPipelineError {
                    try await quarantine(item, error: error)
                    continue
                }
                let done = try await pagesAlreadyRecognised(item)
                let missing = (0..<item.pageCount).map { $0 + 1 }.filter { !done.contains($0) }
                items[item.document] = item
                remaining[item.document] = missing.count
                if missing.isEmpty {
                    try await finish(item)
                    continue
                }
                try FileManager.default.createDirectory(at: workFolder(of: item), withIntermediateDirectories: true)
                for number in missing {
                    if stop?.isRequested == true { break }
                    while inFlight >= limit, let outcome = try await group.next() {
                        inFlight -= 1
                        try await handle(outcome)
                    }
                    let recognizer = recognizer
                    let pdf = pagePDF(of: item, page: number)
                    let document = item.document
                    let path = item.path
                    let pageCount = item.pageCount
                    group.addTask {
                        do {
                            guard let (file, index) = sources.locate(page: number - 1) else {
                                throw ScanPipelineError(.pageOutOfRange, path: path, "page \(number) of \(pageCount) is in none of its files")
                            }
                            var page = try await recognizer.recognize(file, page: index, searchablePDF: pdf)
                            // An Akte's page is numbered in the Akte, not in the file it came from.
                            page.pageNumber = number
                            page.pageCount = pageCount
                            page.path = path
                            return .recognised(document: document, page: page)
                        } catch let error as ScanPipelineError {
                            return .failed(document: document, page: number, error: error)
                        } catch {
                            return .failed(document: document, page: number,
                                           error: ScanPipelineError(.recognition, "\(error)"))
                        }
                    }
                    inFlight += 1
                }
            }
            while let outcome = try await group.next() { try await handle(outcome) }
        }
    }

    func workFolder(of item: WorkItem) -> URL { workFolder.appendingPathComponent(item.workDocument, isDirectory: true) }

    func pagePDF(of item: WorkItem, page: Int) -> URL {
        workFolder(of: item).appendingPathComponent(String(format: "page-%04d.pdf", page))
    }

    /// Re-reads the file's header; a file from an earlier run must still have the content it had.
    /// An Akte's files are each checked against the hashes its ingest recorded.
    func verifiedSource(_ item: WorkItem) async throws -> PageSources {
        let inspector = inspector
        let checkHash = item.batch != batch
        if let akte = try await storedAkte(item) {
            return try await BlockingWork.run {
                if checkHash {
                    for member in akte.members {
                        let (hash, _) = try Ingestor.hash(member.openPath)
                        guard hash == member.sha256 else {
                            throw ScanPipelineError(.changedFile, path: item.path,
                                                    "its file \(member.name) changed after it was ingested (SHA-256 was \((member.sha256 ?? "").prefix(12))…)")
                        }
                    }
                }
                let files: [SourceFile]
                do { files = try inspector.inspectFiles(of: akte) } catch var error as ScanPipelineError {
                    error.path = item.path
                    throw error
                }
                let sources = PageSources(files: files)
                guard sources.pageCount == item.pageCount else {
                    throw ScanPipelineError(.changedFile, path: item.path,
                                            "the Akte has \(sources.pageCount) pages now, \(item.pageCount) when it was ingested")
                }
                return sources
            }
        }
        return try await BlockingWork.run {
            if checkHash {
                let (hash, _) = try Ingestor.hash(item.openPath)
                guard hash == item.sha256 else {
                    throw ScanPipelineError(.changedFile, path: item.path,
                                            "the file changed after it was ingested (SHA-256 was \(item.sha256.prefix(12))…)")
                }
            }
            let source: SourceFile
            do { source = try inspector.inspect(path: item.openPath) } catch var error as ScanPipelineError {
                error.path = item.path
                throw error
            }
            guard source.pageCount == item.pageCount else {
                throw ScanPipelineError(.changedFile, path: item.path,
                                        "the file has \(source.pageCount) pages now, \(item.pageCount) when it was ingested")
            }
            return PageSources(source)
        }
    }

    /// The Akte a document's source is, as its ingest recorded it, each file opened through its
    /// alias when its name is not UTF-8 (the recorded path shows such a name escaped).
    func storedAkte(_ item: WorkItem) async throws -> DeliveryAkte? {
        guard var akte = try await store.sourceFile(item.sha256)?.akte else { return nil }
        let aliases = workFolder.appendingPathComponent("names", isDirectory: true)
        let copies = runner.workspace.isShared ? runner.workspace.sourceCopies : nil
        for index in akte.members.indices {
            let member = akte.members[index]
            // On a shared store every host reads the copy the ingest kept.
            akte.members[index].openPath = if let copies, let sha256 = member.sha256 { copies.path(of: sha256).path }
                else { InputFile.openPath(forRecorded: member.path, aliases: aliases) }
        }
        return akte
    }

    /// Pages committed by an earlier, interrupted run whose page PDF is still there. A page whose PDF
    /// is gone is forgotten and recognised again.
    func pagesAlreadyRecognised(_ item: WorkItem) async throws -> Set<Int> {
        let numbers = try await store.pageNumbers(of: item.document)
        let present = numbers.filter { FileManager.default.fileExists(atPath: pagePDF(of: item, page: $0).path) }
        try await store.forgetPages(Set(numbers).subtracting(present), of: item.document)
        return Set(present)
    }

    /// Makes the page PDFs of a recognised document again when they are gone: the worker that
    /// recognised its pages kept them in its own scratch folder (another host, or a killed one).
    /// The pages are recognised again only for their PDFs; what is committed of them stays.
    func restoreMissingPagePDFs(_ item: WorkItem) async throws {
        let keepBlank = runner.configuration.blankPages.keepInRecord
        let missing = try await storedPages(of: item).filter { page in
            page.inRecord(keepingBlankPages: keepBlank) && !FileManager.default.fileExists(atPath: pagePDF(of: item, page: page.number).path)
        }
        guard !missing.isEmpty else { return }
        let sources = try await verifiedSource(item)
        try FileManager.default.createDirectory(at: workFolder(of: item), withIntermediateDirectories: true)
        let recognizer = recognizer
        try await withThrowingTaskGroup(of: Void.self) { group in
            for page in missing {
                let pdf = pagePDF(of: item, page: page.number)
                guard let (file, index) = sources.locate(page: page.number - 1) else {
                    throw ScanPipelineError(.pageOutOfRange, path: item.path, "page \(page.number) of \(item.pageCount) is in none of its files")
                }
                group.addTask { _ = try await recognizer.recognize(file, page: index, searchablePDF: pdf) }
            }
            try await group.waitForAll()
        }
    }

    /// Commits one recognised page with its audit events.
    func store(_ page: RecognizedPage, of item: WorkItem) async throws {
        let configuration = runner.configuration
        let (separator, blank) = Separation.classify(page, configuration: configuration)
        let quality = configuration.quality.issues(page, blank: blank, separator: separator)
        let noText = !blank && !separator && !page.hasRecognisedText
        let derived = RunAuditPayload.PageDerived(
            page: page.pageNumber, imageSHA256: page.imageSHA256, width: page.width, height: page.height,
            resolution: page.resolution, resolutionSource: page.resolutionSource.rawValue,
            rotationApplied: page.orientation.appliedDegrees, orientationDetector: page.orientation.detector?.rawValue,
            orientationConfidence: page.orientation.confidence.map { ($0 * 100).rounded() / 100 },
            orientationEvidence: page.orientation.evidence,
            skewDetected: page.skew.detectedDegrees.map { ($0 * 100).rounded() / 100 },
            skewApplied: (page.skew.appliedDegrees * 100).rounded() / 100, colours: page.colours.rawValue,
            inkPercent: page.ink.map { ($0.coverage * 100_000).rounded() / 1000 }, inkMarks: page.ink?.marks,
            blank: blank, noTextRecognised: noText, separator: separator,
            barcodes: page.barcodes, quality: quality, warnings: page.warnings)
        let recognised = RunAuditPayload.PageRecognised(
            page: page.pageNumber, engine: "tesseract", engineVersion: OCREngine.tesseractVersion,
            languages: configuration.ocr.languages, meanConfidence: page.meanConfidence, words: page.words.count,
            characters: page.text.count)
        let subjects = AuditSubjects(batch: item.batch, file: item.sha256, document: item.document)
        let stored = StoredPage(number: page.pageNumber, imageSHA256: page.imageSHA256, blank: blank,
                                rotation: page.orientation.appliedDegrees, skew: page.skew.appliedDegrees,
                                meanConfidence: page.meanConfidence, text: page.text, separator: separator, noText: noText,
                                barcodes: page.barcodes, quality: quality)
        try await store.storePage(stored, wordCount: page.words.count, of: item.document, events: [
            AuditEntry(actor: runner.componentActor, action: .pageDerived, subjects: subjects, payload: derived),
            AuditEntry(actor: runner.engineActor, action: .pageRecognised, subjects: subjects, payload: recognised),
        ])
        FailPoint.afterRecognition.reach()
        summary.pages += 1
        if blank { summary.blankPages += 1 }
        await events(.pageRecognised(document: item.document, page: page.pageNumber))
    }

    func storedPages(of item: WorkItem) async throws -> [StoredPage] {
        try await store.pages(of: item.document)
    }

    /// A document registered but not yet separated (no run commits one so today: ingest separates
    /// in the same transaction): its pages are the source file's, recorded with `document.separated`.
    func separateIngested(_ item: WorkItem) async throws -> WorkItem {
        let event = AuditEntry(
            actor: runner.componentActor, action: .documentSeparated,
            subjects: AuditSubjects(batch: item.batch, file: item.sha256, document: item.document),
            payload: RunAuditPayload.DocumentSeparated(
                rule: "the source file, until separator sheets split it after recognition", pages: item.pageCount))
        let transition = try DocumentTransition(document: item.document, from: item.state, event: .separated, events: [event])
        try await store.commit(transition)
        var separated = item
        separated.state = transition.to
        return separated
    }
}
