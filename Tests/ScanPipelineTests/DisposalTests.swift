import FilePlan
import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

/// The deletion protocol's order without Tesseract: the `record.disposed` event is committed first,
/// the protocol copy and the removal of the files follow, and a crash in between is completed by
/// the next retention command; the trail and the record check stay quiet about the removed files.
@Suite struct DisposalTests {
    @Test func aRemovalACrashInterruptedIsCompletedAndTheTrailStaysIntact() async throws {
        let fixture = try BatchRunnerTests.Fixture()
        defer { fixture.folder.remove() }
        let summary = try await fixture.run([fixture.input.path])
        let workspace = fixture.workspace
        let record = try #require(summary.documents.first { $0.state == .filed }, "no letter was filed")
        let folder = workspace.recordsFolder.appendingPathComponent(record.document)

        // Committed, then "killed" before the files were removed.
        let disposal = try await workspace.deletionProtocol(record.document, state: .filed, grounds: "vernichten", process: nil,
                                                            reason: "Testlauf")
        #expect(disposal.payload.files.map(\.name) == Workspace.recordFileNames)
        try await workspace.retentionLedger.recordDisposal(
            RetentionMove(document: record.document, expectedState: .filed, state: .disposed),
            event: AuditEntry(actor: .person("a.schmidt"), subjects: AuditSubjects(batch: summary.batch, document: record.document),
                              payload: disposal.payload))
        #expect(FileManager.default.fileExists(atPath: folder.path))

        // The next command finishes it: files gone, the protocol's copy written, nothing reported.
        _ = try await workspace.dueRecords(before: PlanDate(year: 2100, month: 1, day: 1)!)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        let copy = workspace.root.appendingPathComponent(disposal.payload.protocolFile)
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: copy)) as? [String: Any])
        #expect(written["by"] as? String == "a.schmidt")
        let verification = try await workspace.verifyTrail(records: true)
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(try await workspace.documents.state(of: record.document) == .disposed)
        // Disposed records are not due any more, and disposing again finds nothing of them.
        #expect(try await workspace.dueRecords(before: PlanDate(year: 2100, month: 1, day: 1)!).allSatisfy { $0.record != record.document })
    }
}
