import ArgumentParser
import ScanPipeline

extension ScanCtl.Retention {
    struct Dispose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Destroy V records whose retention ended, and records the archive judged kassabel, with a deletion protocol.",
            discussion: """
                Each record's files (PDF/A and metadata.json) are removed after its deletion protocol is \
                committed: a record.disposed event (record, Aktenzeichen, plan code, retention end, the \
                SHA-256 of every file removed, who, when, why) and its copy \
                WORKSPACE/loeschprotokolle/<record>.json. The record's audit trail stays: audit verify \
                passes and does not report its files as missing. A records as well as B records the \
                archive has not judged kassabel are never destroyed, nor records not yet due. --record ID \
                (repeatable) limits it to those records and refuses one that may not be destroyed, saying \
                why. --dry-run lists what would be destroyed and changes nothing. Exit codes: 0 done (also \
                when nothing is due); 1 refused; 2 the workspace cannot be used or a record file changed; \
                64 invalid arguments.
                """)

        @OptionGroup var date: ReferenceDateOption

        @Option(name: .customLong("record"), help: ArgumentHelp("Only this record (id or its first characters); repeatable.", valueName: "id"))
        var records: [String] = []

        @Option(help: ArgumentHelp("Why (the Löschprotokoll's reason, e.g. the disposal order).", valueName: "text"))
        var reason: String

        @Flag(help: "List what would be destroyed; change nothing.")
        var dryRun = false

        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let day = date.day
            let workspace = try self.workspace.open(create: false)
            let user = try await identity.user(in: workspace)
            let summary: DisposalSummary
            do {
                let ids = records.isEmpty ? nil : try await workspace.documentIDs(records)
                summary = try await workspace.dispose(before: day, records: ids, reason: reason, by: user, dryRun: dryRun)
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            if output.json {
                PlanJSON.print(summary)
                return
            }
            guard !summary.records.isEmpty else {
                StandardOutput.write("Nothing to dispose of before \(day).\n")
                return
            }
            var rows = [["record", "aktenzeichen", "plan", "retention end", "grounds", "protocol"]]
            rows += summary.records.map {
                [String($0.record.prefix(8)), $0.aktenzeichen ?? "-", $0.planCode ?? "-", $0.retentionEnd ?? "-", $0.grounds, $0.protocolFile]
            }
            StandardOutput.write(ReviewText.table(rows) + "\(summary.records.count) record(s) "
                                 + (dryRun ? "would be disposed of (dry run: nothing changed)" : "disposed of; audit trail kept") + "\n")
        }
    }
}
