import ArgumentParser
import FilePlan
import Foundation
import Logging
import ScanPipeline

extension ScanCtl.Quarantine {
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run quarantined files through the pipeline again, once their cause is fixed.",
            discussion: """
                For each ID the file at its original path is run: the same file (a tool was missing, a \
                limit too low) or a new scan put in its place; when nothing is there any more, the copy \
                kept in quarantine. It runs as a new batch, exactly as scanctl run would (same file plan, \
                model and thresholds; the quarantined batch's profile unless --profile says otherwise) and \
                becomes a new document: filed, queued for review, or quarantined again with the new reason. \
                The quarantined document is closed as retried, with a quarantine.retried audit event (who, \
                old and new state, the file run, the new document) in the same transaction.
                Exit codes: 0 every file was filed or queued for review; 1 refused (unknown id, already \
                retried, no file left, part of a file already filed) or quarantined again; 2 the workspace \
                or plan cannot be used; 3 the OCR engine could not start; 64 invalid arguments.
                """)

        @Argument(help: ArgumentHelp("Quarantined document ids or their first characters (at least 4).", valueName: "id"))
        var documents: [String]

        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var planSelection: PlanSelection

        @Option(help: ArgumentHelp("The scanning profile (default: the one of the batch that quarantined the file).",
                                   valueName: "name"))
        var profile: String?

        @Option(help: ArgumentHelp("A YAML file of more scanning profiles (default: WORKSPACE/profiles.yaml if present).",
                                   valueName: "file"), completion: .file())
        var profiles: String?

        @OptionGroup var options: OCROptions
        @OptionGroup var decision: DecisionPolicyOption

        @Option(help: ArgumentHelp("Seal the batch's Transfervermerk with this Ed25519 key; default $SCANCTL_SEAL_KEY.",
                                   valueName: "file"), completion: .file())
        var sealKey: String?

        @Flag(name: .shortAndLong, help: "No progress display on standard error.")
        var quiet = false

        @OptionGroup var output: JSONFlag

        func validate() throws {
            if documents.isEmpty { throw ValidationError("give the ids of the quarantined files to retry (scanctl quarantine list)") }
        }

        func run() async throws {
            let plan = try PlanLoading.load(planSelection.path, failing: .unusable)
            let workspace = try self.workspace.open(create: false)
            let user = try await identity.user(in: workspace)
            let key: SealKey?
            do {
                key = try SealKey.fromOption(sealKey)
            } catch let error as ScanPipelineError {
                throw error.reported(refused: .unusable)
            }
            var request = RunSetup.Request(inputs: [], operatorName: user.name, workers: options.workerCount,
                                           ocr: options.ocrConfiguration, softwareVersion: ScanCtlVersion.current)
            request.profile = profile
            request.profilesFile = profiles.map { URL(fileURLWithPath: $0) }
            request.languagesGiven = options.languagesGiven
            request.policy = decision.thresholds
            let ids = try await QuarantineContext.reporting { try await workspace.quarantineIDs(documents) }
            let progress = RunProgress(enabled: !quiet)
            let outcome: Workspace.QuarantineRetryOutcome
            do {
                outcome = try await workspace.retryFromQuarantine(ids, by: user, setup: request, plan: plan, sealKey: key,
                                                                  logger: Logger(label: "scanctl")) { event in
                    await progress.handle(event)
                }
            } catch let error as ScanPipelineError {
                // A refusal of the retry itself (already retried, no file left) is 1; a setup that cannot run is 2.
                throw [.quarantine, .unknownID].contains(error.code) ? error.reported() : error.reported(refused: .unusable)
            }
            await progress.finish()
            for case let .profileUnavailable(reason, using) in outcome.notes {
                Terminal.warning("\(reason); retried with the profile \(using)")
            }
            for batch in outcome.transfervermerke where !output.json {
                Terminal.note("Transfervermerk: \(workspace.transfervermerkFolder.appendingPathComponent("\(batch).txt").path)")
            }
            let (plans, summary) = (outcome.plans, outcome.summary)

            let results = outcome.entries.map { entry in
                let retry = plans.first { $0.id == entry.id }
                let outcome = summary.documents.first { $0.document == entry.retriedAs }
                return RetryResult(id: entry.id, path: retry?.path ?? entry.source, fromCopy: retry?.fromCopy ?? false,
                                   replacement: retry?.replacement ?? false, status: entry.status, retriedAs: entry.retriedAs,
                                   state: entry.retriedState, planCode: outcome?.planCode, recordPath: outcome?.recordPath,
                                   note: outcome?.note)
            }
            if output.json {
                PlanJSON.print(RetryJSON(workspace: workspace.root.path, retries: results, summary: summary))
            } else {
                StandardOutput.write(Self.text(results, summary: summary))
            }
            if results.contains(where: { $0.status != .retried || $0.state == DocumentState.quarantined.rawValue }) {
                throw ExitStatus.refused.code
            }
        }

        static func text(_ results: [RetryResult], summary: RunSummary) -> String {
            var lines: [String] = []
            for result in results {
                let file = (result.path as NSString).lastPathComponent
                    + (result.fromCopy ? " (the copy kept in quarantine)" : result.replacement ? " (a replacement)" : "")
                let what: String
                switch result.status {
                case .retried:
                    let state = result.state ?? "?"
                    what = "retried as \(result.retriedAs?.prefix(8) ?? "?"): \(state)" + (result.planCode.map { " \($0)" } ?? "")
                        + (result.note.map { " (\($0))" } ?? "")
                case .open, .released:
                    what = "not retried (still \(result.status.rawValue)): see the messages above"
                }
                lines.append("\(result.id.prefix(8))  \(file)  \(what)")
            }
            lines.append("Batch \(summary.batch.prefix(8)): \(summary.filed) filed, \(summary.needsReview) in review, "
                         + "\(summary.quarantined) quarantined again, \(summary.duplicates) duplicate(s)")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

/// What became of one quarantined document a retry ran.
struct RetryResult: Encodable {
    var id: String
    var path: String
    var fromCopy: Bool
    var replacement: Bool
    var status: QuarantineEntry.Status
    var retriedAs: String?
    /// The new document's state: filed, needs-review, or quarantined (with the new reason in `note`).
    var state: String?
    var planCode: String?
    var recordPath: String?
    var note: String?
}

struct RetryJSON: Encodable {
    var workspace: String
    var retries: [RetryResult]
    var summary: RunSummary
}
