import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Quarantine {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List quarantined files: id, file, reason, batch, when, and what became of them.",
            discussion: """
                STATE is open (waiting for a retry or a release), released, or retried → the state of the \
                document the retry became (filed, needs-review, or quarantined again: then that one is \
                listed as open with the new reason).
                """)

        @Flag(name: .customLong("open"), help: "Only the open ones.")
        var onlyOpen = false

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let entries = try await QuarantineContext.reporting { try await workspace.quarantineEntries() }
                .filter { !onlyOpen || $0.status == .open }
            if output.json {
                PlanJSON.print(entries)
                return
            }
            guard !entries.isEmpty else {
                StandardOutput.write(onlyOpen ? "No open quarantined files.\n" : "Nothing was quarantined.\n")
                return
            }
            var rows = [["ID", "STATE", "CODE", "SOURCE", "BATCH", "WHEN", "REASON"]]
            for entry in entries {
                rows.append([String(entry.id.prefix(8)), QuarantineContext.status(entry), entry.code ?? "-",
                             ReviewText.short(entry.source, 48), String(entry.batch.prefix(8)), String(entry.quarantinedAt.prefix(19)),
                             ReviewText.short(entry.reason ?? "", 70)])
            }
            let openCount = entries.filter { $0.status == .open }.count
            StandardOutput.write(ReviewText.table(rows) + "\(entries.count) quarantined file(s), \(openCount) open\n")
        }
    }
}
