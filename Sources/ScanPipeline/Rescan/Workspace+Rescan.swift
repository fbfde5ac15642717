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
        return try await workQueue.holding(for: "scanctl rescan") {
            try await replacePages(document, pages: numbers, with: file, reason: reason, by: user, setup: setup, plan: plan,
                                   logger: logger)
        }
    }

    private func replacePages(_ document: String, pages numbers: [Int], with file: String, reason: String?,
                              by user: AuthenticatedUser, setup: RunSetup.Request, plan: FilePlan,
                              logger: Logger) async throws -> RescanOutcome {
        try await requireIntactTrail(accepting: nil)
        try await completePendingRecordUpdates(software: setup.softwareVersion)
        try await removeRescanLeftovers(keeping: file)
        let (state, revision, metadata, stored) = try await rescannable(document, pages: numbers)

        // The new pages: read, recognised, checked, as a run would.
        let profile = try await batchProfile(document)
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
        guard source.format != .pdf else {
            // Tesseract's page of a PDF is its text layer only: the record would lose the page's image.
            throw ScanPipelineError(.rescan, path: file, "a rescan takes an image file (TIFF, PNG, JPEG), not a PDF: "
                                    + "scan the page(s) again as an image")
        }
        guard source.pageCount == numbers.count else {
            throw ScanPipelineError(.rescan, path: file, "the file has \(source.pageCount) page(s) for \(numbers.count) page(s) to replace "
                                    + "(\(numbers.map(String.init).joined(separator: ", ")))")
        }
        let staging = root.appendingPathComponent(Self.rescanFolderName, isDirectory: true)
            .appendingPathComponent("\(document)-\(UUID().uuidString.lowercased())", isDirectory: true)
        try await BlockingWork.run { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true) }
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
            let index = pages.firstIndex { $0.number == number }!  // checked by rescannable
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
        // An Akte of a delivery stays at its Aktenzeichen's node: a rescanned sheet does not move it.
        if let aktenzeichen = metadata.akte?.aktenzeichen {
            classification.place(byAktenzeichen: aktenzeichen, evidence: metadata.akte?.origin == DeliveryAkte.Origin.manifest.rawValue
                                    ? "the delivery's manifest" : "the Akte's folder name", in: plan)
        }
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
            guard replaced.contains(where: { $0.page.number == page.number }), let new = pages.first(where: { $0.number == page.number })
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

        updated.pagesInRecord = updated.pages.filter(\.inRecord).count
        // The new PDF: the record's pages as they are, the replaced ones from the rescan; the
        // record's files are checked first, so that a changed PDF is never taken for scanctl's own.
        try await requireIntactRecord(document)
        let staged: String
        do {
            staged = try await stageRescannedPDF(document, old: metadata, new: updated, replacing: numbers, from: staging)
        } catch {
            try? await BlockingWork.run { try FileManager.default.removeItem(at: staging) }
            throw error
        }
        try? await BlockingWork.run { try FileManager.default.removeItem(at: staging) }
        let payload = RescanAuditPayload.Rescanned(
            by: user.name, previousState: state.rawValue, state: next.rawValue, reason: reason, file: file, fileSHA256: fileHash,
            pages: rescanPages, suggestedCode: classification.bestPath.last?.code)
        try await rescans.commitRescan(RescanCommit(
            document: document, expectedState: state, expectedRevision: revision, state: next, replaced: replaced, accepted: [],
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
        return try await workQueue.holding(for: "scanctl rescan --accept") {
            try await acceptFlags(document, pages: numbers, reason: reason, by: user, software: software)
        }
    }

    private func acceptFlags(_ document: String, pages numbers: [Int], reason: String, by user: AuthenticatedUser,
                             software: String) async throws -> RescanOutcome {
        try await completePendingRecordUpdates(software: software)
        let (state, revision, metadata, stored) = try await rescannable(document, pages: numbers)
        // Checked before anything is committed: a rewrite refused afterwards would stay pending.
        try await requireIntactRecord(document)
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
            document: document, expectedState: state, expectedRevision: revision, state: state, replaced: [], accepted: numbers,
            classification: nil,
            confidence: nil, suggestedCode: nil, pendingRecord: try CanonicalJSON.string(updated), pendingPDF: nil,
            event: AuditEntry(actor: .person(user.name), subjects: try await subjects(of: document), payload: payload, at: now)))
        try await rewriteRecord(document, software: software)
        return RescanOutcome(document: document, previousState: state.rawValue, state: state.rawValue, rescan: entry)
    }

    /// The document's state, metadata and pages, once it is checked that `numbers` can be rescanned.
    private func rescannable(_ document: String, pages numbers: [Int]) async throws
        -> (DocumentState, revision: String, RecordMetadata, [StoredPage]) {
        guard let state = try await documents.state(of: document), let revision = try await rescans.revision(document: document) else {
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
        return (state, revision, metadata, stored)
    }

    /// Staging folders and uploads a killed rescan left (the workspace is held: none is in use).
    private func removeRescanLeftovers(keeping file: String) async throws {
        let keep = URL(fileURLWithPath: file).standardizedFileURL.path
        let folders = [Self.rescanFolderName, Self.uploadFolderName].map { root.appendingPathComponent($0, isDirectory: true) }
        try await BlockingWork.run {
            for folder in folders {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                where folder.appendingPathComponent(name).standardizedFileURL.path != keep {
                    try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
                }
            }
        }
    }

    /// The profile the document's batch ran with (its quality gate judges the new pages).
    private func batchProfile(_ document: String) async throws -> String {
        let subjects = try await subjects(of: document)
        return try await rescans.batchProfile(batch: subjects.batch ?? "") ?? ScanProfile.posteingang.name
    }

    /// Writes the record's new content PDF to `work/rescans/<document>.pdf` (synced): the pages
    /// `new` has in the record, in order, each the record's page as it is or, for a replaced one,
    /// the rescanned page from `staging`. Returns its SHA-256.
    private func stageRescannedPDF(_ document: String, old: RecordMetadata, new: RecordMetadata, replacing numbers: [Int],
                                   from staging: URL) async throws -> String {
        let record = recordsFolder.appendingPathComponent(document, isDirectory: true).appendingPathComponent(Self.pdfFileName)
        let target = root.appendingPathComponent(Self.rescanFolderName, isDirectory: true).appendingPathComponent("\(document).pdf")
        let oldInRecord = old.pages.filter(\.inRecord).map(\.number)
        let newInRecord = new.pages.filter(\.inRecord).map(\.number)
        let created = Date()
        return try await BlockingWork.run {
            // Page k of the record's PDF is the k-th page the metadata has in the record.
            let pageCount = try QPDFDocument(reading: record.path).pageCount
            guard pageCount == oldInRecord.count else {
                throw ScanPipelineError(.rescan, path: record.path, "the record's PDF has \(pageCount) page(s), its metadata "
                                        + "\(oldInRecord.count): it cannot be rescanned page by page")
            }
            let pages = try newInRecord.map { number -> RecordPage in
                if numbers.contains(number) { return RecordPage(pdf: staging.appendingPathComponent(String(format: "new-%04d.pdf", number))) }
                guard let index = oldInRecord.firstIndex(of: number) else {
                    throw ScanPipelineError(.rescan, "page \(number) is not in the record's PDF")
                }
                return RecordPage(pdf: record, pageIndex: index)
            }
            let description = ArchivalPDFDescription(record: new, created: created, modified: created,
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
            guard FileManager.default.fileExists(atPath: staged.path) else {
                // Put in place already, or lost: only the PDF that was committed may be rewritten.
                guard try FileHasher.sha256(path: record.path).hash == expected else {
                    throw ScanPipelineError(.recordIntegrity, path: record.path, "a committed rescan's PDF is neither staged nor "
                                            + "in place; restore the record from a backup (scanctl audit verify --records)")
                }
                return
            }
            guard try FileHasher.sha256(path: staged.path).hash == expected else {
                throw ScanPipelineError(.recordIntegrity, path: staged.path, "the staged PDF of a rescan is not the one committed")
            }
            guard rename(staged.path, record.path) == 0 else {
                throw ScanPipelineError(.workspace, path: record.path, "cannot put the rescanned PDF in place")
            }
            AtomicWrite.syncFolder(record.deletingLastPathComponent())
        }
    }

    static let uploadFolderName = "work/uploads"

    /// Rescans with a file that came as bytes (a browser upload): kept in `work/uploads/` only
    /// while the rescan runs, written off the cooperative pool.
    public func rescan(_ document: String, pages numbers: [Int], withUpload data: Data, named name: String, reason: String?,
                       by user: AuthenticatedUser, setup: RunSetup.Request, plan: FilePlan, logger: Logger) async throws
        -> RescanOutcome {
        let file = root.appendingPathComponent(Self.uploadFolderName, isDirectory: true)
            .appendingPathComponent(UUID().uuidString.lowercased() + "-" + name)
        try await BlockingWork.run {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
        do {
            let outcome = try await rescan(document, pages: numbers, with: file.path, reason: reason, by: user, setup: setup,
                                           plan: plan, logger: logger)
            try? await BlockingWork.run { try FileManager.default.removeItem(at: file) }
            return outcome
        } catch {
            try? await BlockingWork.run { try FileManager.default.removeItem(at: file) }
            throw error
        }
    }
}
