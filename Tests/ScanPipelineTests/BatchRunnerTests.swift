import FilePlan
import Foundation
import Logging
import TestSupport
import Testing
@testable import ScanPipeline

/// The batch runner end to end with a stub recognizer: ingest, separation, classification,
/// records and the audit trail, without Tesseract.
@Suite struct BatchRunnerTests {
    static let inputs = ["02-widerspruch-abfallgebuehren", "08-strassenschaden"]

    /// Two sample scans copied into a fresh input folder, with their ground truth as the stub's text.
    struct Fixture {
        let folder: TemporaryFolder
        let workspace: Workspace
        let input: URL
        let recognizer: StubRecognizer

        /// `texts`: the stub's text for further files put into `input` (by name).
        init(texts extra: [String: String] = [:]) throws {
            folder = try TemporaryFolder()
            input = folder.url.appendingPathComponent("input", isDirectory: true)
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            var texts: [String: String] = [:]
            for name in BatchRunnerTests.inputs {
                try FileManager.default.copyItem(atPath: SampleScans.path("\(name).png"),
                                                 toPath: input.appendingPathComponent("\(name).png").path)
                texts["\(name).png"] = try String(
                    contentsOf: SampleManifest.root.appendingPathComponent("groundtruth/\(name)-p1.txt"), encoding: .utf8)
            }
            recognizer = StubRecognizer(texts: texts.merging(extra) { $1 })
            workspace = try Workspace(root: folder.url.appendingPathComponent("ws", isDirectory: true), software: "test")
        }

        func runner(_ inputs: [String]) throws -> BatchRunner {
            let plan = try #require(ClassifierTests.plan, "the shipped plan does not load")
            return BatchRunner(workspace: workspace, plan: plan, classifier: LayeredClassifier(plan: plan),
                               configuration: RunConfiguration(inputs: inputs, operatorName: "Test", workers: 1,
                                                               softwareVersion: "test"),
                               logger: Logger(label: "test"))
        }

        func run(_ inputs: [String]) async throws -> RunSummary {
            let recognizer = recognizer
            return try await runner(inputs).run(events: { _ in }, recognizer: { recognizer })
        }

        func actions(_ action: AuditAction, document: String? = nil) async throws -> [AuditEvent] {
            try await workspace.auditEvents(document: document).filter { $0.action == action.rawValue }
        }
    }

    @Test func filesASmallBatchWithAStubRecognizer() async throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        let summary = try await fixture.run([fixture.input.path])

        #expect(summary.documents.count == 2)
        #expect(summary.filed + summary.needsReview == 2)
        #expect(summary.quarantined == 0)
        #expect(summary.pages == 2)
        #expect(fixture.recognizer.recognised.sorted() == Self.inputs.map { "\($0).png#1" })
        for outcome in summary.documents {
            #expect([DocumentState.filed, .needsReview].contains(outcome.state))
            #expect(try await fixture.workspace.documents.state(of: outcome.document) == outcome.state)
            let record = fixture.workspace.recordsFolder.appendingPathComponent(outcome.document, isDirectory: true)
            #expect(FileManager.default.fileExists(atPath: record.appendingPathComponent("document.pdf").path))
            #expect(FileManager.default.fileExists(atPath: record.appendingPathComponent("metadata.json").path))
            // Every step of the lifecycle left its event, once.
            for action in [AuditAction.fileIngested, .documentSeparated, .pageDerived, .pageRecognised, .documentRecognised,
                           .documentClassified, .recordWritten] {
                #expect(try await fixture.actions(action, document: outcome.document).count == 1, "\(action)")
            }
        }
        #expect(try await fixture.actions(.batchOpened).count == 1)
        #expect(try await fixture.actions(.batchClosed).count == 1)
        #expect(try await fixture.workspace.documents.unsettledDocumentCount() == 0)
        #expect(try await fixture.workspace.verifyAuditTrail().isIntact)
    }

    @Test func aSecondRunFindsDuplicatesAndFilesNothingTwice() async throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        _ = try await fixture.run([fixture.input.path])
        let second = try await fixture.run([fixture.input.path])
        #expect(second.duplicates == 2)
        #expect(second.documents.isEmpty)
        #expect(try await fixture.actions(.recordWritten).count == 2)
        #expect(fixture.recognizer.recognised.count == 2)
        #expect(try await fixture.workspace.verifyAuditTrail().isIntact)
    }

    /// A kill after a page was committed (its document still `separated`, its batch open): the
    /// next run picks the document up without recognising the page again, files it once and
    /// closes the interrupted batch.
    @Test func resumesADocumentWhosePagesWereCommittedBeforeAKill() async throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        let path = fixture.input.appendingPathComponent("\(Self.inputs[0]).png").path
        let runner = try fixture.runner([path])
        let killed = BatchRun(runner: runner, recognizer: fixture.recognizer, events: { _ in })
        try killed.removeLeftoversOfInterruptedWrites()
        try await killed.openBatch()
        let ingestor = Ingestor(store: fixture.workspace.documents, inspector: killed.inspector, quarantine: killed.quarantine,
                                actor: runner.componentActor, batch: killed.batch, operatorName: "Test", retrying: [:],
                                events: { _ in })
        guard case .work(let item) = try await ingestor.ingest(InputFile(path: path), resuming: []) else {
            Issue.record("the file was not registered")
            return
        }
        #expect(item.state == .separated)
        let source = try #require(try await killed.verifiedSource(item).files.first)
        try FileManager.default.createDirectory(at: killed.workFolder(of: item), withIntermediateDirectories: true)
        let page = try await fixture.recognizer.recognize(source, page: 0, searchablePDF: killed.pagePDF(of: item, page: 1))
        try await killed.store(page, of: item)
        #expect(try await fixture.workspace.documents.unsettledDocumentCount() == 1)

        let resumed = try await fixture.run([path])
        #expect(resumed.resumed == 1)
        #expect(resumed.duplicates == 0)
        #expect(fixture.recognizer.recognised.count == 1)  // the committed page is not recognised again
        let state = try #require(try await fixture.workspace.documents.state(of: item.document))
        #expect([DocumentState.filed, .needsReview].contains(state))
        #expect(try await fixture.actions(.recordWritten, document: item.document).count == 1)
        #expect(try await fixture.actions(.pageRecognised, document: item.document).count == 1)
        // Both batches are closed: the interrupted one with the document it completed.
        #expect(try await fixture.actions(.batchClosed).count == 2)
        #expect(try await fixture.workspace.documents.openBatches(excluding: "").isEmpty)
        #expect(try await fixture.workspace.verifyAuditTrail().isIntact)
    }

    /// A page that cannot be recognised puts its document aside; given to a later run again, the
    /// file is retried as a new document and the quarantined one is closed as retried.
    @Test func quarantinesAFailedPageAndRetriesTheFileInALaterRun() async throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        let failing = "\(Self.inputs[1]).png"
        fixture.recognizer.fail([failing])
        let first = try await fixture.run([fixture.input.path])
        #expect(first.quarantined == 1)
        #expect(first.filed + first.needsReview == 1)
        let quarantined = try #require(first.documents.first { $0.state == .quarantined })
        #expect(try await fixture.workspace.documents.state(of: quarantined.document) == .quarantined)
        #expect(try await fixture.actions(.documentQuarantined, document: quarantined.document).count == 1)

        fixture.recognizer.fail([])
        let second = try await fixture.run([fixture.input.path])
        #expect(second.retried == 1)
        #expect(second.duplicates == 1)
        #expect(second.quarantined == 0)
        let retry = try #require(second.documents.first)
        #expect([DocumentState.filed, .needsReview].contains(retry.state))
        #expect(try await fixture.workspace.documents.state(of: quarantined.document) == .retried)
        let closed = try await fixture.actions(.quarantineRetried, document: quarantined.document)
        #expect(closed.count == 1)
        #expect(closed.first?.payload(as: QuarantineAuditPayload.Retried.self)?.retriedAs == retry.document)
        #expect(try await fixture.workspace.verifyAuditTrail().isIntact)
    }

    @Test func aRunOnAHeldWorkspaceIsRefusedAsLockHeld() async throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        let queue = fixture.workspace.workQueue
        let claim = try await queue.claim(for: "another run")
        do {
            _ = try await fixture.run([fixture.input.path])
            Issue.record("a second run on a held workspace started")
        } catch let error as ScanPipelineError {
            #expect(error.code == .lockHeld)
            #expect(error.reason.contains("in use by another scanctl run"))
        }
        await queue.release(claim)
        #expect(fixture.recognizer.recognised.isEmpty)
        #expect(try await fixture.workspace.documents.openBatches(excluding: "").isEmpty)
    }
}
