public import FilePlan
public import Foundation
public import Logging

/// `scanctl rescan`: the pages the quality gate flagged get a way back. Rescanned pages replace
/// them in the document (recognition and the quality gate run on them; the document is classified
/// again and goes to review), or a flag is accepted as it is with a reason. The record is rewritten
/// and keeps the history (`rescans` in metadata.json), the trail has old and new page hashes and
/// who did it.
///
/// Crash-safe in three steps: the new PDF is staged in `work/rescans/` before anything is
/// committed; one transaction replaces the pages and sets the pending record and the staged PDF's
/// hash; the rewrite puts the staged PDF in place and writes the metadata (every later command
/// completes a rewrite a kill interrupted, as for reviews).
extension Workspace {
    /// What a rescan did.
    public struct RescanOutcome: Sendable, Codable, Equatable {
        public var document: String
        public var previousState: String
        public var state: String
        public var rescan: RecordMetadata.Rescan
    }

    static let rescanFolderName = "work/rescans"

    /// Replaces the pages `numbers` of `document` by the pages of `file`, in order (the file has
    /// exactly as many pages). `setup` gives the OCR configuration and decision policy; the
    /// document's batch profile gives the quality gate.
    public func rescan(_ document: String, pages numbers: [Int], with file: String, reason: String?, by user: AuthenticatedUser,
                       setup: RunSetup.Request, plan: FilePlan, logger: Logger) async throws -> RescanOutcome {
        try user.require(.rescan, to: "replace pages by a rescan")
        return try await claimed("scanctl rescan") {
            try await replacePages(document, pages: numbers, with: file, reason: reason, by: user, setup: setup, plan: plan,
                                   logger: logger)
        }
    }

    private func replacePages(_ document: String, pages numbers: [Int], with file: String, reason: String?,
                              by user: AuthenticatedUser, setup: RunSetup.Request, plan: FilePlan,
                              logger: Logger) async throws -> RescanOutcome {
        try await requireIntactTrail(accepting: nil)
        try await completePendingRecordUpdates(software: setup.softwareVersion)
        let (state, metadata, stored) = try await rescannable(document, pages: numbers)

        // The new pages: read, recognised, checked, as a run would.
        let profile = try await batchProfile(document, request: setup)
        var request = setup
        request.inputs = [file]
        // The batch's profile may come from a profiles file no longer at hand: then posteingang.
        request.fallbackProfile = profile
        request.fallbackMayBeUnavailable = true
        let run = try await RunSetup.make(request, workspace: self, plan: plan)
        let configuration = run.configuration
        let inspector = SourceInspector(configuration: configuration.ocr.ingest)
        let source: SourceFile
        let fileHash: String
        do {
            (source, fileHash) = try await BlockingWork.run { (try inspector.inspect(path: file), try Ingestor.hash(file).hash) }
        } catch let error as ScanPipelineError {
            throw ScanPipelineError(.rescan, path: file, "the rescanned file cannot be read: \(error.reason)")
        }
        guard source.pageCount == numbers.count else {
            throw ScanPipelineError(.rescan, path: file, "the file has \(source.pageCount) page(s) for \(numbers.count) page(s) to replace "
                                    + "(\(numbers.map(String.init).joined(separator: ", ")))")
        }
        let staging = root.appendingPathComponent(Self.rescanFolderName, isDirectory: true)
            .appendingPathComponent("\(document)-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        let pool = try await OCRWorkerPool(configuration: configuration.ocr, workers: 1, logger: logger)
        var recognised: [(number: Int, page: RecognizedPage)] = []
        do {
            for (index, number) in numbers.enumerated() {
                let pdf = staging.appendingPathComponent(String(format: "new-%04d.pdf", number))
                recognised.append((number, try await pool.recognize(source, page: index, searchablePDF: pdf)))
            }
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        var replaced: [RescanCommit.ReplacedPage] = []
        var pages = stored
        var rescanPages: [RecordMetadata.Rescan.Page] = []
        for (number, page) in recognised {
            let (separator, blank) = Separation.classify(page, configuration: configuration)
            let quality = configuration.quality.issues(page, blank: blank, separator: separator)
            guard let index = pages.firstIndex(where: { $0.number == number }) else { continue }
            let old = pages[index]
            let new = StoredPage(number: number, imageSHA256: page.imageSHA256, blank: blank, rotation: page.orientation.appliedDegrees,
                                 skew: page.skew.appliedDegrees, meanConfidence: page.meanConfidence, text: page.text,
                                 separator: false, noText: !blank && !page.hasRecognisedText, barcodes: page.barcodes, quality: quality)
            pages[index] = new
            replaced.append(.init(page: new, wordCount: page.words.count))
            rescanPages.append(.init(number: number, flags: old.quality, oldImageSHA256: old.imageSHA256,
                                     newImageSHA256: new.imageSHA256, newFlags: quality))
        }

        // Classified again, on the new text; to review, so that a person sees the new pages.
        let text = pages.filter(\.hasContent).map(\.text).joined(separator: "\n")
        var classification = run.classifier.classify(text)
        classification.holdForReview(because: "page(s) \(numbers.map(String.init).joined(separator: ", ")) replaced by a rescan "
                                     + "(\(user.name)): check the new page(s)")
        let next = try DocumentLifecycle.target(of: .rescanned, from: state)
        let now = Date()
        let entry = RecordMetadata.Rescan(kind: "replaced", time: AuditTrail.timestamp(now), by: user.name, reason: reason,
                                          file: (file as NSString).lastPathComponent, fileSHA256: fileHash, pages: rescanPages)
        var updated = metadata
        updated.state = next.rawValue
        updated.classification = classification
        updated.rescans = (metadata.rescans ?? []) + [entry]
        let keepBlank = configuration.blankPages.keepInRecord
        updated.pages = updated.pages.map { page in
            guard let new = pages.first(where: { $0.number == page.number }), replaced.contains(where: { $0.page.number == page.number })
            else { return page }
            var changed = page
            changed.imageSHA256 = new.imageSHA256
            changed.blank = new.blank
            changed.inRecord = new.inRecord(keepingBlankPages: keepBlank) || page.inRecord
            changed.rotation = new.rotation
            changed.skew = new.skew
            changed.meanConfidence = new.meanConfidence
            changed.rescan = new.quality.isEmpty ? nil : new.quality
            return changed
        }

        // The new PDF: the record's pages as they are, the replaced ones from the rescan.
        let staged = try await stageRescannedPDF(document, metadata: metadata, replacing: numbers, from: staging)
        let payload = RescanAuditPayload.Rescanned(
            by: user.name, previousState: state.rawValue, state: next.rawValue, reason: reason, file: file, fileSHA256: fileHash,
            pages: rescanPages, suggestedCode: classification.bestPath.last?.code)
        try await rescans.commitRescan(RescanCommit(
            document: document, expectedState: state, state: next, replaced: replaced, accepted: [],
            classification: try CanonicalJSON.string(classification), confidence: classification.bestPath.last?.probability ?? 0,
            suggestedCode: classification.bestPath.last?.code, pendingRecord: try CanonicalJSON.string(updated),
            pendingPDF: staged,
            event: AuditEntry(actor: .person(user.name), subjects: try await subjects(of: document), payload: payload, at: now)))
        try await rewriteRecord(document, software: setup.softwareVersion)
        return RescanOutcome(document: document, previousState: state.rawValue, state: next.rawValue, rescan: entry)
    }

    /// Accepts the flags of pages `numbers` as they are (the scan is as good as the paper), with
    /// the reason: the flags are resolved, the history stays in the record.
    public func acceptRescanFlags(_ document: String, pages numbers: [Int], reason: String, by user: AuthenticatedUser,
                                  software: String) async throws -> RescanOutcome {
        try user.require(.rescan, to: "accept pages flagged for rescan")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 3 else {
            throw ScanPipelineError(.rescan, "accepting a flagged page needs a reason (at least 3 characters): why it stays as it is")
        }
        return try await claimed("scanctl rescan --accept") {
            try await acceptFlags(document, pages: numbers, reason: reason, by: user, software: software)
        }
    }

    private func acceptFlags(_ document: String, pages numbers: [Int], reason: String, by user: AuthenticatedUser,
                             software: String) async throws -> RescanOutcome {
        try await completePendingRecordUpdates(software: software)
        let (state, metadata, stored) = try await rescannable(document, pages: numbers)
        let flagged = stored.filter { numbers.contains($0.number) }
        if let clean = flagged.first(where: { $0.quality.isEmpty }) {
            throw ScanPipelineError(.rescan, "page \(clean.number) of document \(document) is not flagged for rescan")
        }
        let now = Date()
        let entry = RecordMetadata.Rescan(
            kind: "accepted", time: AuditTrail.timestamp(now), by: user.name, reason: reason, file: nil, fileSHA256: nil,
            pages: flagged.map { .init(number: $0.number, flags: $0.quality, oldImageSHA256: $0.imageSHA256, newImageSHA256: nil,
                                       newFlags: nil) })
        var updated = metadata
        updated.rescans = (metadata.rescans ?? []) + [entry]
        updated.pages = updated.pages.map { page in
            var changed = page
            if numbers.contains(page.number) { changed.rescan = nil }
            return changed
        }
        let payload = RescanAuditPayload.Accepted(by: user.name, state: state.rawValue, reason: reason, pages: entry.pages)
        try await rescans.commitRescan(RescanCommit(
            document: document, expectedState: state, state: state, replaced: [], accepted: numbers, classification: nil,
            confidence: nil, suggestedCode: nil, pendingRecord: try CanonicalJSON.string(updated), pendingPDF: nil,
            event: AuditEntry(actor: .person(user.name), subjects: try await subjects(of: document), payload: payload, at: now)))
        try await rewriteRecord(document, software: software)
        return RescanOutcome(document: document, previousState: state.rawValue, state: state.rawValue, rescan: entry)
    }

    /// Runs `work` holding the workspace (no run, retry or other rescan meanwhile).
    private func claimed<Value: Sendable>(_ owner: String, _ work: () async throws -> Value) async throws -> Value {
        let claim = try await workQueue.claim(for: owner)
        do {
            let value = try await work()
            await workQueue.release(claim)
            return value
        } catch {
            await workQueue.release(claim)
            throw error
        }
    }

    /// The document's state, metadata and pages, once it is checked that `numbers` can be rescanned.
    private func rescannable(_ document: String, pages numbers: [Int]) async throws
        -> (DocumentState, RecordMetadata, [StoredPage]) {
        guard let state = try await documents.state(of: document) else {
            throw ScanPipelineError(.unknownID, "document \(document) is not in the workspace")
        }
        guard DocumentLifecycle.allows(.rescanned, in: state) else {
            throw ScanPipelineError(.rescan, "document \(document) is \(state.rawValue): only a filed record or one in review gets "
                                    + "new pages (an exported record stays as it went out)")
        }
        guard !numbers.isEmpty, Set(numbers).count == numbers.count else {
            throw ScanPipelineError(.rescan, "name each page to replace once (--page 2 or --page 2,3)")
        }
        let metadata = try await currentMetadata(document)
        let stored = try await documents.pages(of: document)
        for number in numbers {
            guard let page = stored.first(where: { $0.number == number }), !page.separator else {
                throw ScanPipelineError(.rescan, "document \(document) has no page \(number)"
                                        + " (it has \(stored.filter { !$0.separator }.count))")
            }
        }
        return (state, metadata, stored)
    }

    /// The profile the document's batch ran with (its quality gate judges the new pages).
    private func batchProfile(_ document: String, request: RunSetup.Request) async throws -> String {
        let subjects = try await subjects(of: document)
        return try await rescans.batchProfile(batch: subjects.batch ?? "") ?? ScanProfile.posteingang.name
    }

    /// Writes the record's new content PDF to `work/rescans/<document>.pdf` (synced): each page of
    /// the record as it is, the replaced ones from `staging`. Returns its SHA-256.
    private func stageRescannedPDF(_ document: String, metadata: RecordMetadata, replacing numbers: [Int],
                                   from staging: URL) async throws -> String {
        let record = recordsFolder.appendingPathComponent(document, isDirectory: true).appendingPathComponent(Self.pdfFileName)
        let target = root.appendingPathComponent(Self.rescanFolderName, isDirectory: true).appendingPathComponent("\(document).pdf")
        let inRecord = metadata.pages.filter(\.inRecord).map(\.number)
        let created = Date()
        return try await BlockingWork.run {
            // The record's pages one by one (qpdf): page k of the PDF is the k-th page in the record.
            let output = try Self.qpdf.run(["--split-pages", record.path, staging.appendingPathComponent("old-%d.pdf").path], timeout: 120)
            guard output.status == 0 || output.status == 3 else {
                throw ScanPipelineError(.rescan, path: record.path, "the record's PDF cannot be split: \(output.standardError)")
            }
            let width = String(inRecord.count).count
            var pages: [URL] = []
            for (index, number) in inRecord.enumerated() {
                let new = staging.appendingPathComponent(String(format: "new-%04d.pdf", number))
                let old = staging.appendingPathComponent("old-" + String(repeating: "0", count: width - String(index + 1).count)
                                                         + "\(index + 1).pdf")
                pages.append(numbers.contains(number) && FileManager.default.fileExists(atPath: new.path) ? new : old)
            }
            let description = ArchivalPDFDescription(record: metadata, created: created, modified: created,
                                                     qpdfVersion: QPDFDocument.version)
            try ArchivalPDFWriter().write(pages: pages, description: description, to: target)
            try AtomicWrite.sync(target)
            return try FileHasher.sha256(path: target.path).hash
        }
    }

    /// A committed rescan's staged PDF, moved over the record's (atomic rename): before the
    /// rewrite that follows the rescan, or the next command's after a kill.
    func putStagedPDFInPlace(_ document: String) async throws {
        guard let expected = try await rescans.pendingPDF(document: document) else { return }
        let staged = root.appendingPathComponent(Self.rescanFolderName, isDirectory: true).appendingPathComponent("\(document).pdf")
        let record = recordsFolder.appendingPathComponent(document, isDirectory: true).appendingPathComponent(Self.pdfFileName)
        try await BlockingWork.run {
            guard FileManager.default.fileExists(atPath: staged.path) else { return }  // in place already
            guard try FileHasher.sha256(path: staged.path).hash == expected else {
                throw ScanPipelineError(.recordIntegrity, path: staged.path, "the staged PDF of a rescan is not the one committed")
            }
            guard rename(staged.path, record.path) == 0 else {
                throw ScanPipelineError(.workspace, path: record.path, "cannot put the rescanned PDF in place")
            }
            AtomicWrite.syncFolder(record.deletingLastPathComponent())
        }
    }

    static let qpdf = ExternalTool(name: "qpdf", package: "qpdf", purpose: "to split a record's PDF for a rescan")
}
