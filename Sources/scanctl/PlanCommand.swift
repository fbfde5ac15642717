import ArgumentParser

extension ScanCtl {
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Check, show, search, import and compare file plans (Aktenpläne).",
            discussion: """
                Without --plan, commands use $SCANCTL_PLAN or the shipped sample plan \
                \(PlanLocator.defaultPlanFile). A plan is YAML; see the header of the shipped plan for the format.

                Exit codes: 0 success, 1 the plan (or CSV) has problems (each named with file, line and node), \
                2 a code was not found, 64 invalid arguments.
                """,
            subcommands: [Validate.self, Show.self, Search.self, Import.self, Diff.self]
        )
    }
}

/// The options of `plan` subcommands that read the plan in use.
struct PlanSelection: ParsableArguments {
    @Option(help: ArgumentHelp("The file plan (YAML); default: $SCANCTL_PLAN, else the shipped fileplans/lindenau-kgst.yaml.",
                               valueName: "file"))
    var plan: String?

    var path: String { PlanLocator.resolve(plan) }
}

/// `--json` for scripts.
struct JSONFlag: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false
}
