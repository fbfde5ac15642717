import ArgumentParser
import ScanPipeline
import ScanServer

extension ScanCtl.User {
    /// Runs a change to a user as the acting identity, reporting refusals with exit 1.
    static func change(_ workspace: WorkspaceSelection, identity: IdentityOption,
                       _ work: (Workspace, AuthenticatedUser) async throws -> Void) async throws {
        let workspace = try workspace.open(create: false)
        let actor = try await identity.user(in: workspace)
        do { try await work(workspace, actor) } catch let error as ScanPipelineError { throw error.reported() }
    }

    static func setEnabled(_ enabled: Bool, name: String, reason: String?, _ workspace: WorkspaceSelection,
                           identity: IdentityOption) async throws {
        try await change(workspace, identity: identity) { workspace, admin in
            try await workspace.setUser(name, enabled: enabled, reason: reason, by: admin)
        }
        StandardOutput.write("\(enabled ? "Enabled" : "Disabled") \(name).\n")
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user: no more logins or changes; the account stays for the audit trail.")

        @Argument(help: ArgumentHelp("The login name.", valueName: "name")) var name: String
        @Option(help: ArgumentHelp("Why, for the audit trail.", valueName: "text")) var reason: String?
        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection

        func run() async throws {
            try await setEnabled(false, name: name, reason: reason, workspace, identity: identity)
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user again.")

        @Argument(help: ArgumentHelp("The login name.", valueName: "name")) var name: String
        @Option(help: ArgumentHelp("Why, for the audit trail.", valueName: "text")) var reason: String?
        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection

        func run() async throws {
            try await setEnabled(true, name: name, reason: reason, workspace, identity: identity)
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password (your own, or as an admin anyone's); read from standard input.")

        @Argument(help: ArgumentHelp("The login name.", valueName: "name")) var name: String
        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection

        func run() async throws {
            try await change(workspace, identity: identity) { workspace, actor in
                let password = PasswordInput.read(prompt: "New password for \(name): ")
                try await workspace.changePassword(of: name, to: password, by: actor, hasher: BcryptHasher())
            }
            StandardOutput.write("Changed the password of \(name).\n")
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Give a user another role.")

        @Argument(help: ArgumentHelp("The login name.", valueName: "name")) var name: String
        @Argument(help: ArgumentHelp("The new role.", valueName: "role"), transform: { text in
            guard let role = Role(rawValue: text) else {
                throw ValidationError("the role is one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return role
        })
        var role: Role
        @OptionGroup var identity: IdentityOption
        @OptionGroup var workspace: WorkspaceSelection

        func run() async throws {
            try await change(workspace, identity: identity) { workspace, admin in
                try await workspace.setRole(name, to: role, by: admin)
            }
            StandardOutput.write("\(name) is \(role.rawValue) now.\n")
        }
    }
}
