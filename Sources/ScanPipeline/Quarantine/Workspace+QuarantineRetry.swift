public import FilePlan
public import Logging

/// Running quarantined files again, as `scanctl quarantine retry` and the browser's Quarantäne do
/// it: checked first (``retryPlan(_:)``), then one batch run wired as `scanctl run` wires it, then
/// the batch's Transfervermerk.
extension Workspace {
    /// What a retry ran and what became of each document.
    public struct QuarantineRetryOutcome: Sendable {
        public var plans: [QuarantineRetry]
        /// The quarantined documents after the run: retried (with the successor's state) or still open.
        public var entries: [QuarantineEntry]
        public var summary: RunSummary
        public var notes: [RunSetup.Note]
        /// Batches whose Transfervermerk was written after the run.
        public var transfervermerke: [String]
    }

    /// Retries as ``retryFromQuarantine(_:setup:plan:sealKey:logger:events:)``, by an authenticated
    /// user whose role handles the quarantine; the user is the batch's operator.
    public func retryFromQuarantine(_ ids: [String], by user: AuthenticatedUser, setup: RunSetup.Request, plan: FilePlan,
                                    sealKey: SealKey?, logger: Logger,
                                    events: @escaping @Sendable (RunEvent) async -> Void = { _ in }) async throws
        -> QuarantineRetryOutcome {
        try user.require(.handleQuarantine, to: "retry documents from quarantine")
        var setup = setup
        setup.operatorName = user.name
        return try await retryFromQuarantine(ids, setup: setup, plan: plan, sealKey: sealKey, logger: logger, events: events)
    }

    /// Runs the files of the quarantined documents `ids` as one new batch. `setup` gives the
    /// operator and the options; its inputs are replaced by the files to retry. A document's
    /// batch profile applies unless `setup.profile` names one, and each record keeps at least the
    /// protection need of the batch it came with. Refusals (`.quarantine`) come before anything runs.
    public func retryFromQuarantine(_ ids: [String], setup base: RunSetup.Request, plan: FilePlan, sealKey: SealKey?,
                                    logger: Logger,
                                    events: @escaping @Sendable (RunEvent) async -> Void = { _ in }) async throws
        -> QuarantineRetryOutcome {
        let before = try await quarantineEntries(only: ids)
        // An unknown id is refused, never run as an empty batch.
        let missing = Set(ids).subtracting(before.map(\.id)).sorted()
        guard !ids.isEmpty, missing.isEmpty else {
            throw ScanPipelineError(.unknownID, missing.first.map { "no quarantined document has the id \($0)" }
                                    ?? "no quarantined document to retry")
        }
        let plans = try await retryPlan(ids)
        var request = base
        request.inputs = []
        request.retrying = [:]
        for retry in plans where request.retrying[retry.path] == nil {
            request.inputs.append(retry.path)
            request.retrying[retry.path] = retry.id
        }
        // The batch's profile may come from a profiles file no longer at hand: then posteingang.
        request.fallbackProfile = before.first?.profile ?? ScanProfile.posteingang.name
        request.fallbackMayBeUnavailable = true
        request.minimumSchutzbedarf = before.compactMap { Schutzbedarf(rawValue: $0.schutzbedarf) }.max() ?? .normal
        let setup = try await RunSetup.make(request, workspace: self, plan: plan)
        let summary = try await setup.runner(workspace: self, logger: logger).run(events: events)
        let written = try await writeMissingTransfervermerke(
            sealKey: sealKey, actor: .component("scanctl", version: base.softwareVersion))
        return QuarantineRetryOutcome(plans: plans, entries: try await quarantineEntries(only: ids), summary: summary,
                                      notes: setup.notes, transfervermerke: written)
    }
}
