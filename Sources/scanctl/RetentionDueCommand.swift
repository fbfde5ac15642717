import ArgumentParser
import FilePlan
import ScanPipeline

extension ScanCtl.Retention {
    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the records whose retention ended, by disposal code (A archivwürdig, B bewerten, V vernichten).",
            discussion: """
                Lists filed and exported records, and those on their way to the archive (offered, handed \
                over), whose last day of retention is before --before DATE (default today): disposal code, \
                record, Aktenzeichen, plan code and title, retention end, state. Permanent records are \
                never due. Exit codes: 0 listed (also when none is due); 2 the workspace cannot be used or \
                a record file changed; 64 invalid arguments.
                """)

        @OptionGroup var date: ReferenceDateOption
        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let day = date.day
            let workspace = try self.workspace.open(create: false)
            let due: [DueRecord]
            do { due = try await workspace.dueRecords(before: day) } catch let error as ScanPipelineError { throw error.reported() }
            if output.json {
                PlanJSON.print(due)
                return
            }
            guard !due.isEmpty else {
                StandardOutput.write("No record's retention ends before \(day).\n")
                return
            }
            var rows = [["disposal", "record", "aktenzeichen", "plan", "retention end", "state"]]
            rows += due.map { record in
                [record.disposal.description, String(record.record.prefix(8)), record.aktenzeichen ?? "-",
                 [record.planCode, record.planTitle].compactMap { $0 }.joined(separator: " "), record.retentionEnd.description,
                 record.state.rawValue]
            }
            let counts = Disposal.allCases.map { code in "\(due.filter { $0.disposal == code }.count) \(code.rawValue)" }
            StandardOutput.write(ReviewText.table(rows) + "\(due.count) record(s) due before \(day): \(counts.joined(separator: ", "))\n")
        }
    }
}
