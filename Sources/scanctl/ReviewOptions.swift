import ArgumentParser
import FilePlan
import Foundation
import ScanPipeline

/// Which documents to list or review in bulk.
struct ReviewFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("needs-review (default), filed, discarded or all (all but discarded).", valueName: "state"), transform: { text in
        guard let states = ReviewFilter.States(rawValue: text) else { throw ValidationError("--state is needs-review, filed, discarded or all") }
        return states
    })
    var state: ReviewFilter.States?

    @Option(help: ArgumentHelp("Only documents whose confidence (the suggestion's probability) is below this (0-1).",
                               valueName: "p"))
    var below: Double?

    @Option(help: ArgumentHelp("Only documents filed under this plan code or below it.", valueName: "code"))
    var code: String?

    @Option(help: ArgumentHelp("Only documents of this batch (id or its start).", valueName: "id"))
    var batch: String?

    var isEmpty: Bool { state == nil && below == nil && code == nil && batch == nil }

    func filter() throws -> ReviewFilter {
        if let below, !(0...1).contains(below) { throw ValidationError("--below is a probability between 0 and 1") }
        var prefix: PlanCode?
        if let code {
            guard let parsed = PlanCode(code) else { throw ValidationError("--code \(code) is not a plan code") }
            prefix = parsed
        }
        return ReviewFilter(states: state ?? .needsReview, below: below, code: prefix, batch: batch)
    }
}

/// Opening the workspace, plan and policy for a review, and reporting review errors.
enum ReviewContext {
    static func session(workspace: Workspace, plan path: String, identity: IdentityOption) async throws -> ReviewSession {
        let plan = try PlanLoading.load(path, failing: .unusable)
        let user = try await identity.user(in: workspace)
        return ReviewSession(user: user, plan: plan, policy: try policy(of: workspace), software: ScanCtlVersion.current)
    }

    static func policy(of workspace: Workspace) throws -> ReviewPolicy {
        do { return try ReviewPolicy.load(workspace.reviewPolicyFile) } catch let error as ScanPipelineError {
            throw error.reported(refused: .unusable)
        }
    }

    /// Runs a review step; a refused review exits 1, an unusable workspace or a changed record 2.
    static func reporting<Value>(_ work: () async throws -> Value) async throws -> Value {
        do {
            return try await work()
        } catch let error as ScanPipelineError {
            throw error.reported()
        }
    }
}
