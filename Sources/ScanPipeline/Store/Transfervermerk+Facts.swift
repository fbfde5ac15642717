import Foundation

extension Transfervermerk {
    /// The note the facts make: counts, documents, capture, anomalies by file and page, and the
    /// automatic quality checks. A quarantined document never counts as having reached a record.
    init(_ facts: TransfervermerkFacts) {
        let documents = Dictionary(facts.documents.map { ($0.id, $0) }) { first, _ in first }
        let derived = Dictionary(facts.events.compactMap { event -> (String, RunAuditPayload.PageDerived)? in
            guard let document = event.document, let payload = event.payload(as: RunAuditPayload.PageDerived.self) else { return nil }
            return ("\(document)#\(payload.page)", payload)
        }) { _, last in last }
        // Where each page was scanned into: an Akte's file and its page there, or the source file's page.
        func origin(document: String, page: Int) -> (file: String, page: Int) {
            guard let facts = documents[document] else { return ("?", page) }
            if let akte = facts.akte, let (member, index) = akte.member(ofPage: page) {
                return ("\((akte.path as NSString).lastPathComponent)/\(member.name)", index + 1)
            }
            return ((facts.sourcePath as NSString).lastPathComponent, page)
        }
        let pages = facts.pages.map { page in
            let from = origin(document: page.document, page: page.number)
            let capture = derived["\(page.document)#\(page.number)"]
            return PageImage(document: page.document, page: page.number, sha256: page.imageSHA256, blank: page.blank,
                             meanConfidence: page.meanConfidence, separator: page.separator, rescan: page.rescan,
                             file: from.file, filePage: from.page, resolution: capture?.resolution, colours: capture?.colours)
        }
        // Sheets reconciled: every page the scanner delivered is a page of a document or of a
        // quarantined file (released or retried since, or not), none lost in between.
        let ingested = facts.events.compactMap { $0.payload(as: RunAuditPayload.FileIngested.self) }
        let scanned = ingested.reduce(0) { $0 + $1.pages }
        let opened = facts.events.lazy.compactMap { $0.payload(as: RunAuditPayload.BatchOpened.self) }.first
        let skipped = facts.events.compactMap { event -> SkippedInput? in
            guard let skip = event.payload(as: RunAuditPayload.FileSkipped.self), let code = SkippedInput.Code(rawValue: skip.code) else {
                return nil
            }
            return SkippedInput(path: skip.path, code: code, reason: skip.reason)
        }
        var anomalies = facts.events.filter { $0.knownAction.map(AuditAction.quarantines.contains) == true }.map { event -> Anomaly in
            let payload = event.payload(as: RunAuditPayload.Quarantined.self)
            let path = payload?.path ?? event.document.flatMap { documents[$0]?.sourcePath } ?? event.file ?? "?"
            return .init(kind: "quarantined", subject: path, detail: payload?.reason ?? "quarantined",
                         file: (path as NSString).lastPathComponent)
        }
        func subject(_ page: PageImage) -> String { "\(page.file ?? page.document) page \(page.filePage ?? page.page)" }
        for page in pages where !page.blank {
            if let confidence = page.meanConfidence, confidence < Self.lowConfidence {
                anomalies.append(.init(kind: "low OCR confidence", subject: subject(page),
                                       detail: String(format: "mean confidence %.0f", confidence), file: page.file, page: page.filePage))
            }
        }
        for page in pages {
            if let rescan = page.rescan, !rescan.isEmpty {
                anomalies.append(.init(kind: "flagged for rescan", subject: subject(page), detail: rescan.joined(separator: "; "),
                                       file: page.file, page: page.filePage))
            }
        }
        // The same sheet scanned into two files (a copy in a Band folder, a page delivered twice):
        // the paper may be missing the page the second file should have held.
        var firstOf: [String: PageImage] = [:]
        for page in pages where !page.blank && page.separator != true {
            guard let first = firstOf[page.sha256] else { firstOf[page.sha256] = page; continue }
            anomalies.append(.init(kind: "duplicate page", subject: subject(page), detail: "the same image as \(subject(first))",
                                   file: page.file, page: page.filePage, sameAsFile: first.file, sameAsPage: first.filePage))
        }
        var software = ["scanctl": facts.scanctlVersion ?? "", "engine": opened?.engine ?? ""]
        software["languages"] = opened?.languages
        software = software.filter { !$0.value.isEmpty }
        let states = facts.documentStates
        let count = { (state: DocumentState) in states.filter { $0 == state }.count }
        let counts = Counts(
            documents: states.count, filed: count(.filed) + count(.exported), needsReview: count(.needsReview),
            quarantined: count(.quarantined) + count(.released) + count(.retried), pages: pages.count,
            blankPagesLeftOut: pages.filter(\.blank).count, separatorSheets: pages.filter { $0.separator == true }.count,
            flaggedForRescan: pages.filter { !($0.rescan ?? []).isEmpty }.count,
            discarded: count(.discarded) > 0 ? count(.discarded) : nil)
        let inDocuments = facts.pagesOutsideQuarantinedFiles
        let inQuarantine = facts.quarantinedFilePages
        let reached: Set<DocumentState> = [.filed, .exported, .needsReview, .discarded]
        let checks = [
            // A delivery's checksum list or manifest is named, but is no input left unprocessed.
            QualityCheck.Check(check: "every input was processed (none quarantined, none skipped; checksum lists and notes aside)",
                               passed: anomalies.allSatisfy { $0.kind != "quarantined" } && skipped.allSatisfy { $0.code == .notAPage },
                               id: "inputs"),
            .init(check: String(format: "every page with text was recognised with mean confidence ≥ %.0f", Self.lowConfidence),
                  passed: anomalies.allSatisfy { $0.kind != "low OCR confidence" }, id: "confidence"),
            .init(check: "no page was flagged for rescan (resolution, OCR confidence, almost empty, skew)",
                  passed: anomalies.allSatisfy { $0.kind != "flagged for rescan" }, id: "rescan"),
            .init(check: "sheets reconciled: \(scanned) page(s) scanned = \(inDocuments) in documents "
                  + "(records, blank, separator sheets) + \(inQuarantine) in quarantined files",
                  passed: scanned == inDocuments + inQuarantine, id: "sheets", figures: [scanned, inDocuments, inQuarantine]),
            .init(check: "every document reached a record or the review queue (a quarantined one did not)",
                  passed: states.allSatisfy { $0.map(reached.contains) == true }, id: "records"),
        ]
        var byResolution: [String: Int] = [:], byColours: [String: Int] = [:]
        for page in pages where page.separator != true {
            if let resolution = page.resolution { byResolution["\(resolution) dpi", default: 0] += 1 }
            if let colours = page.colours { byColours[colours, default: 0] += 1 }
        }
        let capture = Capture(
            devices: Set(ingested.compactMap(\.device)).sorted(),
            resolutions: byResolution.sorted { $0.key < $1.key }.map { .init(value: $0.key, pages: $0.value) },
            colours: byColours.sorted { $0.key < $1.key }.map { .init(value: $0.key, pages: $0.value) },
            languages: opened?.languages, engine: opened?.engine)
        let noted = facts.documents.map { document in
            Document(document: document.id, file: (document.sourcePath as NSString).lastPathComponent,
                     aktenzeichen: document.akte?.aktenzeichen ?? document.aktenzeichen, title: document.akte?.title,
                     pages: document.pageCount, state: document.state?.rawValue ?? "unknown", planCode: document.planCode,
                     record: document.hasRecord && document.state.map(reached.contains) == true)
        }
        let batch = facts.batch
        self.init(
            batch: batch.id, operatorName: batch.operatorName, profile: batch.profile, schutzbedarf: batch.schutzbedarf,
            openedAt: batch.openedAt, closedAt: batch.closedAt, software: software, planVersion: batch.planVersion,
            counts: counts,
            qualityCheck: .init(result: checks.allSatisfy(\.passed) ? "passed" : "anomalies", checks: checks),
            anomalies: anomalies + skipped.map {
                .init(kind: $0.code == .notAPage ? "not a page" : "not processed", subject: $0.path, detail: "\($0.reason) [\($0.code.rawValue)]",
                      file: ($0.path as NSString).lastPathComponent, code: $0.code.rawValue)
            },
            sourceFiles: facts.sourceFiles.map { source in
                var source = source
                if let akte = facts.documents.first(where: { $0.sourceFile == source.sha256 })?.akte {
                    source.files = akte.members.map { SourceFile(path: $0.name, sha256: $0.sha256 ?? "", size: $0.size ?? 0) }
                }
                return source
            },
            skippedInputs: skipped.isEmpty ? nil : skipped, pageImages: pages,
            documents: noted, capture: capture,
            auditHead: .init(sequence: facts.head.sequence, hash: facts.head.hash))
    }
}
