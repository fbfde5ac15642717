import FilePlan
import Foundation

extension BatchRun {
    /// Takes a document whose pages are all recognised through separation and classification to
    /// its record, and the documents split from it to theirs, skipping the steps an interrupted run
    /// already committed.
    func finish(_ item: WorkItem) async throws {
        let parts = try await separate(item)
        try await finishOne(item)
        for part in parts { try await finishOne(part) }
    }

    private func finishOne(_ item: WorkItem) async throws {
        let pages = try await storedPages(of: item)
        let subjects = AuditSubjects(batch: item.batch, file: item.sha256, document: item.document)
        var state = try await currentState(of: item)
        let keepBlank = runner.configuration.blankPages.keepInRecord
        if DocumentLifecycle.nextAction(in: state) == .recognisePages {
            // A page with ink is never blank: only a document without a single mark is empty.
            let content = pages.filter(\.hasContent)
            guard !content.isEmpty || (keepBlank && pages.contains { $0.inRecord(keepingBlankPages: true) }) else {
                try await quarantine(item, error: ScanPipelineError(
                    .emptyDocument, path: item.path, "all \(pages.count) pages are blank or separator sheets: there is nothing to file"))
                return
            }
            let confidences = content.compactMap(\.meanConfidence)
            let payload = RunAuditPayload.DocumentRecognised(
                pages: pages.count, blankPages: pages.filter(\.blank).map(\.number),
                meanConfidence: confidences.isEmpty ? nil : (confidences.reduce(0, +) / Double(confidences.count)).rounded())
            let transition = try DocumentTransition(
                document: item.document, from: state, event: .recognised,
                events: [AuditEntry(actor: runner.componentActor, action: .documentRecognised, subjects: subjects,
                                          payload: payload)])
            try await store.commit(transition)
            state = transition.to
        }

        let classification: Classification
        if DocumentLifecycle.nextAction(in: state) == .classify {
            let content = pages.filter(\.hasContent)
            let text = content.map(\.text).joined(separator: "\n")
            var classified = runner.classifier.classify(text)
            // The delivery's Aktenzeichen wins; then a barcode on the separator or cover sheet that
            // names the Aktenzeichen or plan node.
            let akte = try await store.sourceFile(item.sha256)?.akte
            let sheets = pages.filter(\.separator) + content.prefix(1)
            if let akte, let aktenzeichen = akte.aktenzeichen {
                classified.place(byAktenzeichen: aktenzeichen,
                                 evidence: akte.origin == .manifest ? "the delivery's manifest" : "the Akte's folder name", in: runner.plan)
            } else if let placement = BarcodePlacement.find(in: sheets.flatMap(\.barcodes), plan: runner.plan) {
                classified.place(by: placement, in: runner.plan)
            }
            if let akte {
                // The same Akte delivered again (a page added, a copy still in progress): both
                // records would count for retention; a person decides which stands.
                if let aktenzeichen = akte.aktenzeichen {
                    let live: Set<DocumentState> = [.filed, .needsReview, .exported, .offered, .handedOver, .archived]
                    let earlier = try await store.documents(withAktenzeichen: aktenzeichen, except: item.document)
                        .filter { $0.state.map(live.contains) == true }
                    if let first = earlier.first {
                        classified.holdForReview(because: "the Aktenzeichen \(aktenzeichen) has a record already (document "
                                                 + "\(first.id.prefix(8)), \(first.state?.rawValue ?? "?")): delivered twice? Compare them "
                                                 + "and discard the one that does not stand")
                    }
                }
                if akte.aktenzeichen == nil {
                    classified.holdForReview(because: "the delivery gives this Akte no Aktenzeichen (\((akte.path as NSString).lastPathComponent))")
                }
                if let end = akte.laufzeitBis, akte.closedOn == nil {
                    classified.holdForReview(because: "the Laufzeit's end \"\(end)\" is not a date: its retention cannot be counted")
                }
            }
            let flagged = pages.filter { !$0.quality.isEmpty }
            if !flagged.isEmpty {
                let detail = flagged.prefix(3).map { "page \($0.number): \($0.quality.joined(separator: ", "))" }.joined(separator: "; ")
                classified.holdForReview(because: "\(flagged.count) page(s) flagged for rescan (\(detail))")
            }
            for page in pages where page.noText {
                classified.holdForReview(because: "no text recognised on page \(page.number): handwriting or drawing?")
            }
            if content.isEmpty {
                classified.holdForReview(because: "every page is blank: kept for completeness, check the scan")
            }
            if content.count > runner.configuration.maximumPagesPerDocument {
                classified.holdForReview(because: "\(content.count) pages, more than the \(runner.configuration.maximumPagesPerDocument) "
                                         + "a document may have: check for a missing separator sheet")
            }
            // A letter marked confidential is never filed automatically, and words from its text
            // (the evidence) stay out of the audit trail; the classification keeps them for review.
            let marking = SchutzbedarfMarkers.detect(in: content.first?.text ?? "")
            if let marking {
                classified.holdForReview(because: "marked \"\(marking.word)\" on its first page (Schutzbedarf "
                                         + "\(marking.level.rawValue)): a records manager files it")
            }
            classification = classified
            let withheld = marking != nil || runner.configuration.schutzbedarf >= .hoch
            let payload = RunAuditPayload.DocumentClassified(
                classifier: classification.classifier, classifierVersion: classification.classifierVersion,
                model: classification.model, plan: runner.plan.id, planVersion: classification.planVersion,
                decision: classification.decision.rawValue, thresholds: classification.thresholds, filedUnder: classification.filedUnder?.code,
                reviewReason: classification.reviewReason, references: withheld ? [] : classification.references,
                candidates: Array(classification.candidates.prefix(9)).map { candidate in
                    var shown = candidate
                    if withheld { shown.evidence = ["(withheld: Schutzbedarf hoch)"] }
                    return shown
                })
            let transition = try DocumentTransition(
                document: item.document, from: state, event: .classified,
                changes: DocumentChanges(classification: try CanonicalJSON.string(classification),
                                         planCode: classification.filedUnder?.code,
                                         confidence: classification.bestPath.last?.probability ?? 0,
                                         suggestedCode: classification.bestPath.last?.code,
                                         aktenzeichen: classification.references.first),
                events: [AuditEntry(actor: runner.classifierActor, action: .documentClassified, subjects: subjects,
                                          payload: payload)])
            try await store.commit(transition)
            state = transition.to
        } else {
            classification = try await storedClassification(of: item)
        }
        do {
            try await writeRecord(item, from: state, pages: pages, classification: classification)
        } catch let error as ScanPipelineError where error.code == .externalTool {
            // The pages cannot be joined into one PDF: keep the scan aside rather than block every
            // later run on it. Workspace errors (disk full) still stop the run, to be resumed.
            try await quarantine(item, error: error)
        }
    }

    func currentState(of item: WorkItem) async throws -> DocumentState {
        guard let state = try await store.state(of: item.document) else {
            throw ScanPipelineError(.workspace, "document \(item.document) is not in the workspace")
        }
        return state
    }

    func storedClassification(of item: WorkItem) async throws -> Classification {
        guard let classification = try await store.classification(of: item.document) else {
            throw ScanPipelineError(.workspace, "document \(item.document) is classified but its classification is missing")
        }
        return classification
    }

    /// Writes `records/<id>/document.pdf` (the pages with content, with their text layers) and
    /// `metadata.json` into a partial folder, syncs them and renames the folder into place; then
    /// commits the document's final state with the `record.written` event.
    func writeRecord(_ item: WorkItem, from current: DocumentState, pages: [StoredPage],
                     classification: Classification) async throws {
        let keepBlank = runner.configuration.blankPages.keepInRecord
        let plan = runner.plan
        let node = classification.filedUnder.flatMap { plan.node(code: $0.code) }
        let schutzbedarf = max(runner.configuration.schutzbedarf, node?.schutzbedarf ?? .normal,
                               SchutzbedarfMarkers.detect(in: pages.first(where: \.hasContent)?.text ?? "")?.level ?? .normal)
        let decided: DocumentLifecycle.Event = classification.decision == .filed ? .filed : .heldForReview
        let state = try DocumentLifecycle.target(of: decided, from: current)
        let source = try await store.sourceFile(item.sha256)
        let akte = try await storedAkte(item)
        let created = Date()
        let metadata = RecordMetadata(
            record: item.document, batch: item.batch, createdAt: AuditTrail.timestamp(created), state: state.rawValue,
            source: .init(path: item.path, sha256: item.sha256, size: source?.size ?? 0, format: source?.format ?? nil),
            pages: pages.map { page in
                let file = akte?.member(ofPage: page.number)
                return .init(number: page.number, imageSHA256: page.imageSHA256, blank: page.blank,
                             inRecord: page.inRecord(keepingBlankPages: keepBlank), separator: page.separator,
                             rotation: page.rotation, skew: page.skew, meanConfidence: page.meanConfidence,
                             rescan: page.quality.isEmpty ? nil : page.quality, file: file?.member.name,
                             filePage: file.map { $0.index + 1 })
            },
            pagesInRecord: pages.filter { $0.inRecord(keepingBlankPages: keepBlank) }.count,
            plan: .init(id: plan.id, version: plan.version, code: node?.code.written, title: node?.title,
                        path: node.map { plan.path(to: $0).map { "\($0.code.written) \($0.title)" } } ?? []),
            aktenzeichen: classification.references, retention: node?.retention?.description,
            disposal: node?.disposal?.rawValue, retentionEnd: node?.retentionEnd(closedOn: akte?.closedOn),
            schutzbedarf: schutzbedarf.rawValue, classification: classification,
            pdf: "document.pdf", pdfFormat: nil, pdfSHA256: "",
            software: .init(scanctl: runner.configuration.softwareVersion, tesseract: OCREngine.tesseractVersion,
                            languages: runner.configuration.ocr.languages, qpdf: nil),
            akte: akte.map { akte in
                RecordMetadata.Akte(aktenzeichen: akte.aktenzeichen, title: akte.title, laufzeitVon: akte.laufzeitVon,
                                    laufzeitBis: akte.laufzeitBis, origin: akte.origin.rawValue,
                                    fields: akte.fields.isEmpty ? nil : akte.fields, files: akte.members.map(\.name))
            })
        // A PDF source's pages stay as they are, with the text layer laid over them (an Akte's
        // PDF files too, page by page).
        let pagePDFs = pages.filter { $0.inRecord(keepingBlankPages: keepBlank) }.map { page in
            let graft: PDFPageGraft? = if let akte {
                akte.member(ofPage: page.number).flatMap { file, index in
                    file.format == SourceFormat.pdf.rawValue ? PDFPageGraft(
                        sourcePath: file.openPath, pageIndex: index, turnedDegrees: page.rotation, skewDegrees: page.skew) : nil
                }
            } else if source?.format == SourceFormat.pdf.rawValue {
                PDFPageGraft(sourcePath: item.openPath, pageIndex: page.number - 1, turnedDegrees: page.rotation,
                             skewDegrees: page.skew)
            } else {
                nil
            }
            return RecordPage(pdf: pagePDF(of: item, page: page.number), graft: graft)
        }
        let records = runner.workspace.recordsFolder
        // A worker that lost its lease (frozen past it) must not replace the record folder of the
        // one that took the document over: the lease is renewed, or the write refused, first.
        if let fence = DocumentFence.current, let queue = runner.workspace.documentQueue,
           try await !queue.renew([fence], lease: runner.configuration.worker.lease).isEmpty {
            throw ScanPipelineError(.leaseLost, path: item.path, "the lease on document \(fence.document.prefix(8)) lapsed before its record was written")
        }
        let written = try await BlockingWork.run {
            try RecordWriter(records: records).write(id: item.document, pages: pagePDFs, metadata: metadata, created: created)
        }

        let payload = RunAuditPayload.RecordWritten(
            record: item.document, state: state.rawValue, pdfSHA256: written.pdfSHA256,
            metadataSHA256: written.metadataSHA256, pages: metadata.pagesInRecord,
            blankPagesLeftOut: keepBlank ? [] : pages.filter(\.blank).map(\.number), planCode: node?.code.written,
            retention: metadata.retention, disposal: metadata.disposal, schutzbedarf: schutzbedarf.rawValue)
        let subjects = AuditSubjects(batch: item.batch, file: item.sha256, document: item.document)
        let recordPath = "records/\(item.document)"
        do {
            try await store.commit(DocumentTransition(
                document: item.document, from: current, event: decided, changes: DocumentChanges(recordPath: recordPath, schutzbedarf: schutzbedarf.rawValue),
                events: [AuditEntry(actor: runner.componentActor, action: .recordWritten, subjects: subjects,
                                          payload: payload)]))
        } catch {
            // Not committed (the database is full, or this worker lost its lease): the record
            // folder goes too, so that no record exists without its event; the next run writes it
            // again. Only the folder this run wrote: a worker that took the document over may have
            // replaced it with its own.
            let folder = records.appendingPathComponent(item.document, isDirectory: true)
            let metadataFile = folder.appendingPathComponent("metadata.json")
            if (try? FileHasher.sha256(path: metadataFile.path).hash) == written.metadataSHA256 {
                try? FileManager.default.removeItem(at: folder)
            }
            throw error
        }
        try await removeWorkFolderIfDone(item)

        let outcome = DocumentOutcome(
            document: item.document, source: item.path, sha256: item.sha256, state: state, planCode: node?.code.written,
            planTitle: node?.title, recordPath: runner.workspace.root.appendingPathComponent(recordPath).path,
            note: classification.reviewReason, pages: pages.filter { !$0.separator }.count, blankPages: pages.filter(\.blank).count)
        settle(outcome)
        await events(.settled(outcome))
    }
}
