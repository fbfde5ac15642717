import ArgumentParser
import FilePlan
import Foundation

extension ScanCtl.Plan {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a plan published as CSV (code;title;retention_years) into scanctl's YAML.",
            discussion: """
                The CSV has one node per row: code, title and retention in years ('dauernd' or 'permanent' for \
                ever; empty: inherited from the parent). A header row is optional. Nesting follows the codes. \
                Since the CSV has no disposal codes, the plan gets disposal B (the archive decides) as its default: \
                edit the YAML to set A or V where they apply, then check it with 'scanctl plan validate'.
                """)

        @Argument(help: "The CSV file.", completion: .file(extensions: ["csv"]))
        var csv: String

        @Option(help: ArgumentHelp("Where to write the YAML plan.", valueName: "yaml"))
        var out: String

        @Option(help: "The plan's id (default: the CSV's file name).")
        var id: String?

        @Option(help: "The plan's name (default: taken from the id).")
        var name: String?

        @Flag(help: "Replace the output file if it exists.")
        var force = false

        @OptionGroup var output: JSONFlag

        func run() throws {
            let planID = id ?? URL(fileURLWithPath: csv).deletingPathExtension().lastPathComponent
            let importer = FilePlanCSVImporter(id: planID, name: name ?? "Aktenplan \(planID)")
            guard force || !FileManager.default.fileExists(atPath: out) else {
                Terminal.error("\(out) exists; use --force to replace it")
                throw ExitStatus.refused.code
            }
            let document: PlanDocument
            let yaml: String
            do {
                document = try importer.importCSV(path: csv)
                yaml = try FilePlanWriter().yaml(document, header: [
                    "File plan imported by scanctl \(ScanCtlVersion.current) from \(URL(fileURLWithPath: csv).lastPathComponent).",
                    "Disposal defaults to B (bewerten) for the whole plan: set A or V on the nodes where they apply,",
                    "then check the plan with: scanctl plan validate \(out)",
                ])
            } catch let error as FilePlanError {
                Terminal.error("\(csv) cannot be imported (\(error.problems.count) problem(s)):")
                Terminal.write(error.description)
                throw ExitStatus.refused.code
            }
            try AtomicFile.write(Data(yaml.utf8), to: out)
            // Check what was written, as the user will: inheritance may leave leaves without retention.
            do {
                let plan = try FilePlanLoader().load(path: out)
                if output.json {
                    var result = ValidationJSON(file: out, valid: true, problems: [])
                    result.plan = PlanSummaryJSON(plan)
                    PlanJSON.print(result)
                } else {
                    StandardOutput.write("Wrote \(out): \(plan.count) nodes, version \(plan.version)\n")
                }
            } catch let error as FilePlanError {
                Terminal.warning("\(out) was written but is not yet valid; fix these and run scanctl plan validate \(out):")
                Terminal.write(error.description)
                throw ExitStatus.refused.code
            }
        }
    }
}
