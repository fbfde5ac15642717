import ArgumentParser
import Foundation
import ScanPipeline

extension ScanCtl.Quarantine {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one quarantined file: why, the kept copy and its reason file, what became of it, its history.")

        @Argument(help: ArgumentHelp("The document id or its first characters (at least 4).", valueName: "id"))
        var document: String

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let detail = try await QuarantineContext.reporting {
                try await workspace.quarantineDetail(try await workspace.quarantineIDs([document])[0])
            }
            if output.json {
                PlanJSON.print(detail)
                return
            }
            StandardOutput.write(Self.text(detail))
        }

        static func text(_ detail: QuarantineDetail) -> String {
            let entry = detail.entry
            let present = !detail.sourcePresent ? "gone"
                : detail.sourceUnchanged == true ? "still there, unchanged"
                : detail.sourceUnchanged == false ? "replaced by another file (a retry runs that one)" : "there, unreadable"
            var fields: [(String, String)] = [
                ("Source", "\(entry.source) (\(present))"),
                ("SHA-256", entry.sha256),
                ("Reason", "\(entry.reason ?? "-") [\(entry.code ?? "-")]"),
                ("Batch", "\(entry.batch) (profile \(entry.profile), Schutzbedarf \(entry.schutzbedarf))"),
                ("Quarantined", entry.quarantinedAt),
                ("Kept copy", entry.storedAs.map { $0 + (detail.copyPresent ? "" : " (missing)") } ?? "none (the file could not be copied)"),
                ("Reason file", entry.reasonFile + (detail.reasonFile == nil ? " (missing or unreadable)" : "")),
            ]
            switch entry.status {
            case .open:
                fields.append(("Next", "scanctl quarantine retry \(entry.id.prefix(8)), or release \(entry.id.prefix(8)) --reason TEXT"))
            case .released:
                fields.append(("Released", "by \(entry.closedBy ?? "?") at \(entry.closedAt ?? "?"): \(entry.closeReason ?? "")"))
            case .retried:
                fields.append(("Retried", "by \(entry.closedBy ?? "?") at \(entry.closedAt ?? "?") as document "
                               + "\(entry.retriedAs ?? "?") (\(entry.retriedState ?? "?")): \(entry.closeReason ?? "")"))
            }
            var lines = ["Quarantined document \(entry.id) (\(QuarantineContext.status(entry)))"]
            let width = fields.map(\.0.count).max() ?? 0
            lines += fields.map { "  \($0.0.padding(toLength: width, withPad: " ", startingAt: 0))  \(PlainText.line($0.1))" }
            lines.append("")
            lines.append("History:")
            for event in detail.history {
                let who = event.actorVersion.map { "\(event.actorName) \($0)" } ?? event.actorName
                lines.append("  \(event.sequence)  \(event.time)  \(event.action)  \(who)" + summary(event))
            }
            return lines.joined(separator: "\n") + "\n"
        }

        /// The reason, and for a retry what it became, in one line.
        static func summary(_ event: AuditEvent) -> String {
            guard let change = event.quarantineChange else { return "" }
            var parts: [String] = []
            if let from = change.previousState, let to = change.state { parts.append("\(from) → \(to)") }
            if let retried = change.retriedAs { parts.append("as \(retried.prefix(8))") }
            if let reason = change.reason { parts.append(reason) }
            return parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")
        }
    }
}
