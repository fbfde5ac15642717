import ArgumentParser
import Foundation
import ScanPipeline

/// What accept and reclassify share: choosing the documents, running the review, printing outcomes.
enum ReviewDecision {
    static func validateSelection(documents: [String], filter: ReviewFilterOptions) throws {
        if documents.isEmpty && filter.isEmpty {
            throw ValidationError("give document ids, or a filter (--state, --code, --below, --batch) for many at once")
        }
        if !documents.isEmpty && !filter.isEmpty {
            throw ValidationError("give document ids or a filter, not both")
        }
    }

    static func run(_ action: ReviewAction, documents: [String], reason: String?, dryRun: Bool, identity: IdentityOption,
                    filter: ReviewFilterOptions, plan: PlanSelection, workspace selection: WorkspaceSelection, json: Bool) async throws {
        let workspace = try selection.open(create: false)
        let session = try await ReviewContext.session(workspace: workspace, plan: plan.path, identity: identity)
        let criteria = try filter.filter()
        let outcomes = try await ReviewContext.reporting {
            let ids = documents.isEmpty
                ? try await workspace.reviewItems(criteria).map(\.document)
                : try await workspace.documentIDs(documents)
            return try await workspace.review(action, documents: ids, reason: reason, session: session, dryRun: dryRun)
        }
        print(outcomes, dryRun: dryRun, json: json)
    }

    /// approve and reject: one document's waiting change, decided by the reviewer.
    static func decideWaitingChange(_ document: String, identity: IdentityOption, plan: PlanSelection,
                                    workspace selection: WorkspaceSelection, json: Bool,
                                    _ decide: (Workspace, String, ReviewSession) async throws -> ReviewOutcome) async throws {
        let workspace = try selection.open(create: false)
        let session = try await ReviewContext.session(workspace: workspace, plan: plan.path, identity: identity)
        let outcome = try await ReviewContext.reporting {
            let id = try await workspace.documentIDs([document])[0]
            return try await decide(workspace, id, session)
        }
        print([outcome], dryRun: false, json: json)
    }

    static func print(_ outcomes: [ReviewOutcome], dryRun: Bool, json: Bool) {
        if json {
            PlanJSON.print(outcomes)
            return
        }
        guard !outcomes.isEmpty else {
            StandardOutput.write("No documents match.\n")
            return
        }
        var lines: [String] = []
        for outcome in outcomes {
            let change = "\(outcome.from ?? "-") → \(outcome.to ?? "-")"
            let what = switch outcome.result {
            case .confirmed: dryRun ? "would confirm \(outcome.to ?? "-")" : "confirmed \(outcome.to ?? "-")"
            case .reclassified: dryRun ? "would file \(change)" : "filed \(change)"
            case .awaitingApproval: (dryRun ? "would wait" : "waits") + " for a second reviewer: \(change) (four eyes: \(outcome.rule ?? ""))"
            case .approved: outcome.to == TrainingDocument.notRecordRelevantCode
                ? "approved: discarded as nicht aktenrelevant (was \(outcome.from ?? "-"))" : "approved: filed \(change)"
            case .rejected: "rejected: stays \(outcome.from ?? "-") (not \(outcome.to ?? "-"))"
            case .discarded: (dryRun ? "would discard" : "discarded") + " as nicht aktenrelevant (was \(outcome.from ?? "-"))"
            }
            lines.append("\(outcome.document.prefix(8))  \(PlainText.line((outcome.source as NSString).lastPathComponent))  \(what)")
        }
        let waiting = outcomes.filter { $0.result == .awaitingApproval }.count
        var summary = "\(outcomes.count) document(s)" + (dryRun ? " (dry run: nothing changed)" : "")
        if waiting > 0 { summary += "; \(waiting) wait for approval: scanctl review approve ID, by another user" }
        StandardOutput.write((lines + [summary]).joined(separator: "\n") + "\n")
    }
}
