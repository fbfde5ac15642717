import Foundation

/// The users of the test workspaces: an admin who adds the others, two records managers (four
/// eyes need two people) and a Registratur clerk. All share one password, given on standard input
/// to every command (`--as NAME` reads it; other commands ignore it).
enum TestUsers {
    static let password = "test-passwort-1"
    static var input: String { password + "\n" + password + "\n" }

    struct SetupError: Error, CustomStringConvertible { var description: String }

    /// Adds admin, a.schmidt and b.meyer (records-manager), c.braun (registratur) to `workspace`.
    static func add(to workspace: URL) throws {
        let users: [(name: String, role: String, display: String)] = [
            ("admin", "admin", "Test Admin"), ("a.schmidt", "records-manager", "A. Schmidt"),
            ("b.meyer", "records-manager", "B. Meyer"), ("c.braun", "registratur", "C. Braun"),
        ]
        for user in users {
            let acting = user.name == "admin" ? [] : ["--as", "admin"]
            let added = try ScanCtlProcess.run(["user", "add", user.name, "--role", user.role, "--display-name", user.display,
                                                "--workspace", workspace.path] + acting, input: input)
            guard added.status == 0 else { throw SetupError(description: "user add \(user.name): \(added.standardError)") }
        }
    }
}
