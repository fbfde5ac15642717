import Foundation

/// Recognises many files concurrently on an ``OCRWorkerPool`` and reports the results in input order.
///
/// Files are inspected one ahead of recognition on a separate queue; pages are handed to the workers
/// with at most `window` pages in flight, so memory stays bounded however many files there are.
/// A file that cannot be read is reported with its reason and the batch goes on.
public struct OCRBatch: Sendable {
    public let pool: OCRWorkerPool
    /// The most pages decoded or being recognised at once.
    public let window: Int

    private static let inspectionQueue = DispatchQueue(label: "scanctl.inspect")

    public init(pool: OCRWorkerPool, window: Int? = nil) {
        self.pool = pool
        self.window = max(1, window ?? pool.workerCount * 2)
    }

    /// Processes `paths` and calls `handler` with each event, in file and page order.
    public func run(paths: [String], handler: (OCREvent) async throws -> Void) async rethrows {
        let inspector = SourceInspector(configuration: pool.configuration.ingest)
        let pool = self.pool
        var ordered = ReorderBuffer<OCREvent>()

        try await withThrowingTaskGroup(of: (Int, OCREvent).self) { group in
            var sequence = 0
            var inFlight = 0

            func deliver(_ sequenceNumber: Int, _ event: OCREvent) async throws {
                for ready in ordered.insert(event, at: sequenceNumber) {
                    try await handler(ready)
                }
            }
            func receiveOne() async throws {
                if let (number, event) = try await group.next() {
                    inFlight -= 1
                    try await deliver(number, event)
                }
            }

            for path in paths {
                let inspected = await Self.inspect(path, with: inspector)
                switch inspected {
                case .failure(let error):
                    try await deliver(sequence, .fileFailed(path: path, error: error))
                    sequence += 1
                case .success(let source):
                    try await deliver(sequence, .fileStarted(source))
                    sequence += 1
                    for index in 0..<source.pageCount {
                        while inFlight >= window { try await receiveOne() }
                        let number = sequence
                        sequence += 1
                        inFlight += 1
                        group.addTask {
                            do {
                                let page = try await pool.perform { engine in try engine.recognize(source, page: index) }
                                return (number, .page(page))
                            } catch {
                                let failure = (error as? ScanPipelineError)
                                    ?? ScanPipelineError(.recognition, path: path, String(describing: error))
                                return (number, .pageFailed(path: path, pageNumber: index + 1, error: failure))
                            }
                        }
                    }
                    try await deliver(sequence, .fileFinished(path: path))
                    sequence += 1
                }
            }
            while inFlight > 0 { try await receiveOne() }
        }
    }

    private static func inspect(_ path: String, with inspector: SourceInspector) async -> Result<SourceFile, ScanPipelineError> {
        await withCheckedContinuation { continuation in
            inspectionQueue.async {
                do {
                    continuation.resume(returning: .success(try inspector.inspect(path: path)))
                } catch let error as ScanPipelineError {
                    continuation.resume(returning: .failure(error))
                } catch {
                    continuation.resume(returning: .failure(ScanPipelineError(.unreadableFile, path: path, String(describing: error))))
                }
            }
        }
    }
}
