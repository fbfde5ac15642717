import FilePlan
import Foundation
import ScanPipeline

/// What every route shares: the workspace, its plan and policy, the page renderer and the login
/// back-off. Read-only after start-up, so it is passed by value.
struct ServerState: Sendable {
    let configuration: ServerConfiguration
    let workspace: Workspace
    let plan: FilePlan
    let hasher: any PasswordHasher
    let pages: PageRenderer
    let throttle: LoginThrottle
    /// Runs that hold the workspace (a retry, a rescan) take turns with the hosted watchers' batches
    /// instead of being refused while one runs.
    let runGate: WatchRunGate

    /// The review policy as the workspace's file says now (read per request: it is small, and an
    /// edit takes effect without a restart).
    func policy() throws -> ReviewPolicy {
        do { return try ReviewPolicy.load(workspace.reviewPolicyFile) } catch let error as ScanPipelineError {
            throw ScanServerError(.rendering, "Die Prüfregeln (review-policy.yaml) sind fehlerhaft: \(error.reason)")
        }
    }
}
