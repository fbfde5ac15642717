import Foundation

extension BatchRun {
    /// Splits a document at its separator sheets once all its pages are recognised: the first part
    /// stays this document, every further part becomes a new document of the same source file,
    /// each with the separator sheet that starts it (never in a record, always in the audit). One
    /// transaction creates the parts with `document.separated` and `document.recognised` events
    /// and records `document.split` on the original, so a kill leaves the split done or not done;
    /// the original stays in `separated` and splitting it again finds nothing more to split.
    /// Returns the new documents (state recognised).
    func separate(_ item: WorkItem) async throws -> [WorkItem] {
        guard DocumentLifecycle.nextAction(in: item.state) == .recognisePages else { return [] }
        // Which pages are separators was decided when they were stored (barcodes, patch bars, or
        // blank pages where the profile says so); most documents have none, and need no more reads.
        guard try await store.hasSeparatorPages(item.document, whileIn: item.state) else { return [] }
        // An Akte of a delivery is one document by its folder or manifest row: a separator sheet
        // in it stays out of the record but does not split it.
        guard try await store.sourceFile(item.sha256)?.akte == nil else { return [] }
        let pages = try await storedPages(of: item)
        let parts = Separation.parts(pages)
        guard parts.count > 1 else { return [] }
        let separators = pages.filter(\.separator)
        let children = parts.dropFirst().map { part in
            WorkItem(document: UUID().uuidString.lowercased(), sha256: item.sha256, path: item.path, openPath: item.openPath,
                     pageCount: part.count, state: DocumentLifecycle.initialState(.splitPart), batch: item.batch,
                     workDocument: item.workDocument)
        }
        let splitPayload = RunAuditPayload.DocumentSplit(
            parts: [.init(document: item.document, pages: parts[0])]
                + zip(children, parts.dropFirst()).map { .init(document: $0.document, pages: $1) },
            separatorPages: separators.map(\.number),
            barcodes: Array(Set(separators.flatMap(\.barcodes))).sorted { $0.value < $1.value })
        let actor = runner.componentActor
        let byNumber = Dictionary(uniqueKeysWithValues: pages.map { ($0.number, $0) })
        let split = try DocumentSplit(
            original: item.document,
            parts: zip(children, parts.dropFirst()).map { child, part in
                let subjects = AuditSubjects(batch: child.batch, file: child.sha256, document: child.document)
                let confidences = part.compactMap { byNumber[$0]?.meanConfidence }
                return DocumentSplit.Part(
                    document: try NewDocument(id: child.document, batch: child.batch, sourceFile: child.sha256,
                                              parent: item.workDocument, pageCount: part.count, origin: .splitPart),
                    pages: part,
                    events: [
                        AuditEntry(actor: actor, action: .documentSeparated, subjects: subjects,
                                         payload: RunAuditPayload.DocumentSeparated(
                                            rule: "split from document \(item.document) at a separator sheet",
                                            pages: part.count, sourcePages: part)),
                        AuditEntry(actor: actor, action: .documentRecognised, subjects: subjects,
                                         payload: RunAuditPayload.DocumentRecognised(
                                            pages: part.count, blankPages: part.filter { byNumber[$0]?.blank == true },
                                            meanConfidence: confidences.isEmpty ? nil
                                                : (confidences.reduce(0, +) / Double(confidences.count)).rounded())),
                    ])
            },
            event: AuditEntry(actor: actor, action: .documentSplit,
                                    subjects: AuditSubjects(batch: item.batch, file: item.sha256, document: item.document),
                                    payload: splitPayload))
        try await store.split(split)
        await events(.split(document: item.document, parts: children.count))
        return children
    }

    /// Removes the page files of a split family once none of its documents needs them any more.
    func removeWorkFolderIfDone(_ item: WorkItem) async throws {
        let root = item.workDocument
        if try await store.unsettledDocumentCount(inFamilyOf: root) == 0 { try? FileManager.default.removeItem(at: workFolder.appendingPathComponent(root, isDirectory: true)) }
    }
}

/// Where separator sheets divide a source file's pages into documents.
enum Separation {
    /// Whether a recognised page is a separator sheet (its barcode, or with blank-page separation
    /// a blank page) and whether it is blank.
    static func classify(_ page: RecognizedPage, configuration: RunConfiguration) -> (separator: Bool, blank: Bool) {
        if configuration.separateAtSeparatorSheets && page.barcodes.contains(where: \.isSeparator) { return (true, false) }
        let blank = configuration.blankPages.isBlank(page)
        return (blank && configuration.separateAtBlankPages, blank)
    }

    /// The page numbers of each document: a separator sheet starts a document and stays with it
    /// (never in its record, but its barcodes can say where the document belongs). A part
    /// without content (only blank pages or sheets, such as a trailing separator) joins the part
    /// before it, or the next one when it is first, so no document is empty.
    static func parts(_ pages: [StoredPage]) -> [[Int]] {
        var runs: [[StoredPage]] = [[]]
        for page in pages {
            if page.separator, runs[runs.count - 1].contains(where: { !$0.separator }) { runs.append([]) }
            runs[runs.count - 1].append(page)
        }
        var parts: [[StoredPage]] = []
        var carried: [StoredPage] = []
        for run in runs where !run.isEmpty {
            if run.contains(where: \.hasContent) {
                parts.append(carried + run)
                carried = []
            } else if parts.isEmpty {
                carried += run
            } else {
                parts[parts.count - 1] += run
            }
        }
        if parts.isEmpty { return [carried.map(\.number)].filter { !$0.isEmpty } }
        parts[parts.count - 1] += carried
        return parts.map { $0.map(\.number) }
    }
}
