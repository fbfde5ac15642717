import ArgumentParser
import ScanPipeline

extension ScanCtl.User {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the workspace's users and their roles.")

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var output: JSONFlag

        func run() async throws {
            let users = try await workspace.open(create: false).users()
            if output.json {
                PlanJSON.print(users)
                return
            }
            guard !users.isEmpty else {
                StandardOutput.write("No users yet: add the first with scanctl user add NAME --role admin\n")
                return
            }
            let lines = users.map { user in
                [user.name, user.role.rawValue, user.disabled ? "disabled" : "active", PlainText.line(user.displayName)]
                    .joined(separator: "  ")
            }
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
