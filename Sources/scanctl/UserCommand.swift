import ArgumentParser

extension ScanCtl {
    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user",
            abstract: "Manage the workspace's users: who may review, approve, handle the quarantine, audit.",
            discussion: """
                Roles: poststelle (batches, quarantine, rescan list), registratur (review: accept, \
                reclassify), records-manager (also approve or reject four-eyes changes, discard), auditor \
                (reads everything, verifies and exports the audit trail), admin (users). Passwords are read \
                from standard input (without echo at a terminal) and kept only as bcrypt hashes.

                The first user of a workspace, an admin, is added without logging in; \
                every later change needs an admin: the user mapped to your operating-system account, or \
                --as NAME with that admin's password as the first line of standard input (the new \
                password, where one is asked for, on the next line). Every change is an audit event.
                """,
            subcommands: [Add.self, List.self, Disable.self, Enable.self, Passwd.self, SetRole.self])
    }
}
