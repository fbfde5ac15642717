import ArgumentParser
import ScanPipeline
import ScanServer

extension ScanCtl.User {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password comes from standard input.",
            discussion: "Exit codes: 0 added, 1 refused (name taken or invalid, password too short, not an admin), "
                + "2 the workspace cannot be used.")

        @Argument(help: ArgumentHelp("The login name: lower-case letters, digits, '.', '_', '-'.", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("poststelle, registratur, records-manager, auditor or admin.", valueName: "role"),
                transform: { text in
                    guard let role = Role(rawValue: text) else {
                        throw ValidationError("--role is one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return role
                })
        var role: Role

        @Option(help: ArgumentHelp("The name shown to people (default: the login name).", valueName: "text"))
        var displayName: String?

        @Option(help: ArgumentHelp("The operating-system account whose CLI commands act as this user "
                                   + "(default: the account of the same name).", valueName: "account"))
        var osAccount: String?

        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection

        func run() async throws {
            let workspace = try workspace.open()
            let first = try await workspace.users().isEmpty
            let admin = first ? nil : try await identity.user(in: workspace)
            let password = PasswordInput.read(prompt: "New password for \(name): ")
            let account = UserAccount(name: name, displayName: displayName ?? name, role: role, osAccount: osAccount)
            do {
                try await workspace.addUser(account, password: password, by: admin, hasher: BcryptHasher())
            } catch let error as ScanPipelineError {
                throw error.reported()
            }
            StandardOutput.write("Added \(name) (\(role.rawValue)).\n")
        }
    }
}
