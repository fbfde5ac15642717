import Foundation
import TestSupport
import Testing
@testable import ScanPipeline

/// What every ``WorkQueue`` backend must do: a claim is exclusive until released, a released
/// claim cannot be renewed, and the workspace can be claimed again once it is free.
struct WorkQueueConformance {
    let queue: any WorkQueue

    func aClaimIsExclusive() async throws {
        let claim = try await queue.claim(for: "first")
        let error = await #expect(throws: ScanPipelineError.self) { _ = try await queue.claim(for: "second") }
        #expect(error?.code == .lockHeld)
        await queue.release(claim)
    }

    func aReleasedClaimEndsAndTheWorkspaceIsFreeAgain() async throws {
        let claim = try await queue.claim(for: "first")
        try await queue.renew(claim)
        await queue.release(claim)
        await #expect(throws: ScanPipelineError.self) { try await queue.renew(claim) }
        await queue.release(claim)  // releasing twice is harmless
        let again = try await queue.claim(for: "second")
        await queue.release(again)
    }
}

/// ``WorkQueueConformance`` against the embedded SQLite store (the workspace's lock file).
@Suite struct SQLiteWorkQueueConformanceTests {
    static func withQueue(_ body: (WorkQueueConformance) async throws -> Void) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Workspace(root: folder.url.appendingPathComponent("ws", isDirectory: true), software: "test")
        try await body(WorkQueueConformance(queue: workspace.workQueue))
    }

    @Test func aClaimIsExclusive() async throws { try await Self.withQueue { try await $0.aClaimIsExclusive() } }
    @Test func aReleasedClaimEndsAndTheWorkspaceIsFreeAgain() async throws {
        try await Self.withQueue { try await $0.aReleasedClaimEndsAndTheWorkspaceIsFreeAgain() }
    }
}
