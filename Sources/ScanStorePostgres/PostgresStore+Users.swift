import Foundation
package import ScanPipeline
import PostgresNIO

/// Users and their saved views. SQLite's table `user` is `account` here (`user` is reserved in
/// PostgreSQL), and `savedView.user` is `savedView.account`.
extension PostgresStore: UserStore {
    private static let userColumns = "name, displayName, role, passwordHash, disabled, osAccount, createdAt"

    package func addUser(_ account: UserAccount, passwordHash: String, event: AuditEntry) async throws {
        do {
            try await write { [logger] connection in
                guard try await connection.count("SELECT 1 FROM account WHERE name = \(account.name)", logger: logger) == 0 else {
                    throw ScanPipelineError(.identity, "there is already a user \(account.name)")
                }
                if let os = account.osAccount,
                   let other = try await connection.query("SELECT name FROM account WHERE osAccount = \(os)", logger: logger)
                    .collect().first?.decode(String.self) {
                    throw ScanPipelineError(.identity, "the operating-system account \(os) is already mapped to \(other)")
                }
                try await connection.run("""
                    INSERT INTO account (\(unescaped: Self.userColumns))
                    VALUES (\(account.name), \(account.displayName), \(account.role.rawValue), \(passwordHash), \(account.disabled),
                            \(account.osAccount), \(AuditTrail.timestamp(account.createdAt)))
                    """, logger: logger)
                try await Self.append([event], on: connection, logger: logger)
            }
        } catch let error as ScanPipelineError where error.resultCode == "23505" {
            // Another host added the same name (or mapping) between the check and the insert.
            throw ScanPipelineError(.identity, "there is already a user \(account.name) or a mapping of its operating-system account")
        }
    }

    package func user(named name: String) async throws -> StoredUser? {
        try await read { [logger] connection in
            try await connection.query("SELECT \(unescaped: Self.userColumns) FROM account WHERE name = \(name)", logger: logger)
                .collect().first.map(Self.storedUser(_:))
        }
    }

    package func user(osAccount: String) async throws -> StoredUser? {
        try await read { [logger] connection in
            // false sorts before true: the explicit mapping wins over the same name.
            try await connection.query("""
                SELECT \(unescaped: Self.userColumns) FROM account
                WHERE osAccount = \(osAccount) OR (osAccount IS NULL AND name = \(osAccount))
                ORDER BY osAccount IS NULL LIMIT 1
                """, logger: logger).collect().first.map(Self.storedUser(_:))
        }
    }

    package func users() async throws -> [UserAccount] {
        try await read { [logger] connection in
            try await connection.query("SELECT \(unescaped: Self.userColumns) FROM account ORDER BY name COLLATE \"C\"",
                                       logger: logger).collect().map { try Self.storedUser($0).account }
        }
    }

    package func updateUser(_ name: String, event: @escaping @Sendable (StoredUser) -> AuditEntry,
                            change: @escaping @Sendable (StoredUser) throws -> StoredUser) async throws {
        try await write { [logger] connection in
            guard let stored = try await connection.query(
                "SELECT \(unescaped: Self.userColumns) FROM account WHERE name = \(name) FOR UPDATE", logger: logger)
                .collect().first.map(Self.storedUser(_:)) else {
                throw ScanPipelineError(.unknownID, "there is no user \(name)")
            }
            let changed = try change(stored)
            try await connection.run("""
                UPDATE account SET displayName = \(changed.account.displayName), role = \(changed.account.role.rawValue),
                                   passwordHash = \(changed.passwordHash), disabled = \(changed.account.disabled),
                                   osAccount = \(changed.account.osAccount)
                WHERE name = \(name)
                """, logger: logger)
            try await Self.append([event(stored)], on: connection, logger: logger)
        }
    }

    package func recordLogin(_ event: AuditEntry) async throws {
        try await write { [logger] connection in _ = try await Self.append([event], on: connection, logger: logger) }
    }

    package func savedViews(user: String) async throws -> [SavedView] {
        try await read { [logger] connection in
            try await connection.query("SELECT account, name, query FROM savedView WHERE account = \(user) ORDER BY name COLLATE \"C\"",
                                       logger: logger).collect().map { row in
                let (user, name, query) = try row.decode((String, String, String).self)
                return SavedView(user: user, name: name, query: query)
            }
        }
    }

    package func saveView(_ view: SavedView) async throws {
        try await write { [logger] connection in
            // SQLite's INSERT OR REPLACE.
            try await connection.run("""
                INSERT INTO savedView (account, name, query) VALUES (\(view.user), \(view.name), \(view.query))
                ON CONFLICT (account, name) DO UPDATE SET query = EXCLUDED.query
                """, logger: logger)
        }
    }

    package func deleteView(user: String, name: String) async throws {
        try await write { [logger] connection in
            try await connection.run("DELETE FROM savedView WHERE account = \(user) AND name = \(name)", logger: logger)
        }
    }

    private static func storedUser(_ row: PostgresRow) throws -> StoredUser {
        let (name, displayName, roleName, passwordHash, disabled, osAccount, created) = try row.decode(
            (String, String, String, String, Bool, String?, String).self)
        guard let role = Role(rawValue: roleName) else {
            throw ScanPipelineError(.workspace, "user \(name) has the unknown role \(roleName)")
        }
        return StoredUser(
            account: UserAccount(name: name, displayName: displayName, role: role, disabled: disabled, osAccount: osAccount,
                                 createdAt: (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(created))
                                     ?? Date(timeIntervalSince1970: 0)),
            passwordHash: passwordHash)
    }
}
