import FilePlan
import Foundation
import Logging
import TestSupport
import Testing
@testable import ScanPipeline
@testable import ScanStorePostgres

/// A batch run end to end on a workspace over the PostgreSQL store (a stub recognizer): the run
/// registers, claims and files its own batch through the queue, a second run finds duplicates,
/// and the trail verifies.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresSharedRunTests {
    @Test(.timeLimit(.minutes(10)))
    func filesABatchAndFindsItsDuplicatesOnASharedStore() async throws {
        try await PostgresStoreFixture.with { store in
            let input = store.folder.url.appendingPathComponent("input", isDirectory: true)
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            var texts: [String: String] = [:]
            for name in BatchRunnerTests.inputs {
                try FileManager.default.copyItem(atPath: SampleScans.path("\(name).png"),
                                                 toPath: input.appendingPathComponent("\(name).png").path)
                texts["\(name).png"] = try String(
                    contentsOf: SampleManifest.root.appendingPathComponent("groundtruth/\(name)-p1.txt"), encoding: .utf8)
            }
            let recognizer = StubRecognizer(texts: texts)
            let workspace = try Workspace(store: store.store, files: store.folder.url,
                                          describedAs: store.store.location.redacted, software: "test")
            let plan = try #require(ClassifierTests.plan, "the shipped plan does not load")
            func run() async throws -> RunSummary {
                try await BatchRunner(workspace: workspace, plan: plan, classifier: LayeredClassifier(plan: plan),
                                      configuration: RunConfiguration(inputs: [input.path], operatorName: "Test", workers: 1,
                                                                      softwareVersion: "test"),
                                      logger: Logger(label: "test")).run(events: { _ in }, recognizer: { recognizer })
            }
            let summary = try await run()
            #expect(summary.documents.count == 2)
            #expect(summary.filed + summary.needsReview == 2)
            #expect(summary.quarantined == 0)
            for outcome in summary.documents {
                #expect(try await store.store.state(of: outcome.document) == outcome.state)
            }
            #expect(try await store.store.unsettledDocumentCount() == 0)
            #expect(try await store.store.queueStatus() == DocumentQueueStatus())
            let second = try await run()
            #expect(second.duplicates == 2)
            #expect(try await store.store.eventCount(.batchClosed, batch: summary.batch) == 1)
            #expect(try await workspace.verifyAuditTrail().isIntact)
        }
    }
}
