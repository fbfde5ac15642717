import ArgumentParser
import Foundation
import ScanPipeline
import ScanServer

/// Who acts: the scanctl user mapped to the operating-system account running the command, or with
/// `--as NAME` a scanctl user who gives their password on standard input. Four eyes compare these
/// authenticated identities, never a typed name.
struct IdentityOption: ParsableArguments {
    @Option(name: .customLong("as"),
            help: ArgumentHelp("Act as this scanctl user; the password is read from standard input (first line). Default: "
                               + "the user mapped to your operating-system account.", valueName: "user"))
    var actingUser: String?

    /// The authenticated user; a failed login exits 1 (audited as refused).
    func user(in workspace: Workspace) async throws -> AuthenticatedUser {
        do {
            if let name = actingUser?.lowercased() {
                let password = PasswordInput.read(prompt: "Password for \(name): ")
                return try await workspace.authenticate(name, password: password, client: "cli", hasher: BcryptHasher())
            }
            return try await workspace.userForOSAccount(PasswordInput.operatingSystemAccount)
        } catch let error as ScanPipelineError {
            throw error.reported()
        }
    }
}

/// Passwords from standard input: a line at a time when piped, without echo at a terminal.
enum PasswordInput {
    /// The name of the operating-system account running scanctl.
    static var operatingSystemAccount: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? ""
    }

    /// One line of standard input (without its line end); at a terminal, prompted on standard error
    /// with echo switched off.
    static func read(prompt: String) -> String {
        let terminal = isatty(STDIN_FILENO) == 1
        var saved = termios()
        if terminal {
            FileHandle.standardError.write(Data(prompt.utf8))
            tcgetattr(STDIN_FILENO, &saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        }
        defer {
            if terminal {
                tcsetattr(STDIN_FILENO, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
