import Foundation

extension BatchRun {
    /// On a shared store: holds this batch's ingest for a minute at a time while the run registers
    /// files (renewed every 20 seconds); nil on SQLite.
    func holdIngest() async throws -> Task<Void, Never>? {
        guard let queue = runner.workspace.documentQueue else { return nil }
        let batch = batch
        let lease = Duration.seconds(60)
        try await queue.holdIngest(batch: batch, lease: lease)
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(20))
                if Task.isCancelled { break }
                try? await queue.holdIngest(batch: batch, lease: lease)
            }
        }
    }

    /// On a shared store, after the batch is registered: unless `--enqueue-only`, works on the
    /// batch's documents as a worker does, next to the workers of other hosts, until none is left
    /// to claim; what others still work on is counted as queued.
    func workOnOwnBatch(events: @escaping @Sendable (RunEvent) async -> Void) async throws {
        guard !summary.empty else { return }
        if !runner.configuration.enqueueOnly {
            var options = runner.configuration.worker
            options.batch = batch
            options.untilIdle = true
            options.stop = runner.configuration.stop
            let runner = runner
            let worker = DocumentWorker(workspace: runner.workspace, options: options, software: runner.configuration.softwareVersion,
                                        logger: runner.logger) { _ in runner }
            let worked = try await worker.run(recognizer: recognizer, events: events)
            summary.filed += worked.filed
            summary.needsReview += worked.needsReview
            summary.quarantined += worked.quarantined
            summary.pages += worked.pages
            summary.blankPages += worked.documents.reduce(0) { $0 + $1.blankPages }
            summary.documents += worked.documents
            summary.stopped = summary.stopped || worked.stopped
        }
        // Read once at the end of a run: the batch's documents other hosts still have in hand.
        summary.queued = try await store.unsettledDocuments().filter { $0.batch == batch }.count
    }
}

/// The recognizer of a run that only enqueues: it never recognises a page.
struct NoRecognizer: PageRecognizer {
    func recognize(_ source: SourceFile, page index: Int, searchablePDF: URL) async throws -> RecognizedPage {
        throw ScanPipelineError(.recognition, path: source.path, "an enqueue-only run recognises no pages")
    }

    func shutdown() async {}
}
