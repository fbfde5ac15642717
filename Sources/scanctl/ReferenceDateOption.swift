import ArgumentParser
import FilePlan
import ScanPipeline

/// `--before DATE`: the reference date of retention (default today, UTC).
struct ReferenceDateOption: ParsableArguments {
    @Option(help: ArgumentHelp("Records whose retention ends before this day (YYYY-MM-DD; default today).", valueName: "date"))
    var before: String?

    func validate() throws {
        if let before, PlanDate(before) == nil { throw ValidationError("--before \(before) is not a date (YYYY-MM-DD)") }
    }

    /// The reference day: --before, or today.
    var day: PlanDate { before.flatMap(PlanDate.init) ?? Workspace.today() }
}
