import ArgumentParser
import Foundation
import Logging
import ScanPipeline
import ScanStorePostgres

extension ScanCtl {
    struct WorkspaceCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "workspace",
            abstract: "Move a workspace between stores.",
            subcommands: [Migrate.self]
        )
    }
}

extension ScanCtl.WorkspaceCommand {
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Move an SQLite workspace into an empty shared one (PostgreSQL and a file store), and check it.",
            discussion: """
                Every table is copied as it is (the audit trail with its hashes: the same chain), every file of \
                records/, quarantine/, models/ and transfervermerke/ and the head file go to --store, and the \
                ingested file of each unfinished document is copied there for the workers. The workspace is \
                claimed meanwhile, so no run writes to it. Then the target is checked: the same rows in every \
                table, the same audit head, its trail and every record file verified; only then is the move \
                recorded (workspace.migrated). The SQLite workspace is left as it was.

                Exit codes: 0 moved and verified; 1 moved, but the check found a difference (named); 2 either \
                workspace cannot be used (the source's trail does not verify, the target is not empty or not reachable).
                """
        )

        @Option(help: ArgumentHelp("The SQLite workspace folder to move.", valueName: "dir"), completion: .directory)
        var from: String

        @Option(help: ArgumentHelp("The empty PostgreSQL database: postgresql://user@host:port/db.", valueName: "url"))
        var to: String

        @Option(help: ArgumentHelp("The shared file store for the moved files (a folder every host mounts).", valueName: "dir"),
                completion: .directory)
        var store: String

        @Option(name: .customLong("operator"), help: ArgumentHelp("Who moves it, for the audit trail (default: $USER).", valueName: "name"))
        var operatorName: String?

        @Flag(help: "Print the result as JSON on standard output.")
        var json = false

        func run() async throws {
            let report: WorkspaceMigration
            do {
                let source = try Workspace(root: URL(fileURLWithPath: from), create: false, software: ScanCtlVersion.current)
                let target = try SharedWorkspace.open(database: to, files: URL(fileURLWithPath: store), scratch: nil,
                                                      software: ScanCtlVersion.current, logger: Logger(label: "scanctl.postgres"))
                report = try await source.migrate(to: target, by: operatorName ?? ScanCtl.Run.defaultOperator)
            } catch let error as ScanPipelineError {
                throw error.reported(refused: .unusable)
            } catch {
                Terminal.error("\(error)")
                throw ExitStatus.unusable.code
            }
            if json {
                PlanJSON.print(report)
            } else {
                var lines = ["Moved \(report.from) to \(report.to) (files in \(store)):"]
                for table in report.tables { lines.append("  \(table.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(table.rows) row(s)") }
                lines.append("  files                  \(report.files)")
                lines.append("  ingested files copied  \(report.sourceCopies) (for the workers)")
                lines.append("  audit trail            \(report.auditEvents) event(s), head \(report.auditHead.prefix(16))…")
                for missing in report.sourcesMissing { lines.append("  not copied: \(missing)") }
                if report.verified {
                    lines.append("Verified: the same rows, the same audit head, the trail and every record file check out.")
                } else {
                    lines.append("The check found differences:")
                    lines += report.problems.map { "  \($0)" }
                }
                StandardOutput.write(lines.joined(separator: "\n") + "\n")
            }
            if !report.verified { throw ExitStatus.refused.code }
        }
    }
}
