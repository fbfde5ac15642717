import Foundation
internal import GRDB

extension SQLiteStore: UserStore {
    private static let userColumns = "name, displayName, role, passwordHash, disabled, osAccount, createdAt"

    func addUser(_ account: UserAccount, passwordHash: String, event: AuditEntry) async throws {
        try await database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [account.name]) == nil else {
                throw ScanPipelineError(.identity, "there is already a user \(account.name)")
            }
            if let os = account.osAccount,
               let other = try String.fetchOne(db, sql: "SELECT name FROM user WHERE osAccount = ?", arguments: [os]) {
                throw ScanPipelineError(.identity, "the operating-system account \(os) is already mapped to \(other)")
            }
            try db.execute(sql: "INSERT INTO user (\(Self.userColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)", arguments: [
                account.name, account.displayName, account.role.rawValue, passwordHash, account.disabled, account.osAccount,
                AuditTrail.timestamp(account.createdAt),
            ])
            _ = try event.append(db)
        }
    }

    func user(named name: String) async throws -> StoredUser? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.userColumns) FROM user WHERE name = ?", arguments: [name])
                .map(Self.storedUser(_:))
        }
    }

    func user(osAccount: String) async throws -> StoredUser? {
        try await database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.userColumns) FROM user
                WHERE osAccount = ? OR (osAccount IS NULL AND name = ?)
                ORDER BY osAccount IS NULL LIMIT 1
                """, arguments: [osAccount, osAccount]).map(Self.storedUser(_:))
        }
    }

    func users() async throws -> [UserAccount] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.userColumns) FROM user ORDER BY name").map { try Self.storedUser($0).account }
        }
    }

    func updateUser(_ name: String, event: @escaping @Sendable (StoredUser) -> AuditEntry,
                    change: @escaping @Sendable (StoredUser) throws -> StoredUser) async throws {
        try await database.write { db in
            guard let stored = try Row.fetchOne(db, sql: "SELECT \(Self.userColumns) FROM user WHERE name = ?", arguments: [name])
                .map(Self.storedUser(_:)) else {
                throw ScanPipelineError(.unknownID, "there is no user \(name)")
            }
            let changed = try change(stored)
            try db.execute(sql: """
                UPDATE user SET displayName = ?, role = ?, passwordHash = ?, disabled = ?, osAccount = ? WHERE name = ?
                """, arguments: [changed.account.displayName, changed.account.role.rawValue, changed.passwordHash,
                                 changed.account.disabled, changed.account.osAccount, name])
            _ = try event(stored).append(db)
        }
    }

    func recordLogin(_ event: AuditEntry) async throws {
        try await database.write { db in _ = try event.append(db) }
    }

    func savedViews(user: String) async throws -> [SavedView] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT user, name, query FROM savedView WHERE user = ? ORDER BY name", arguments: [user])
                .map { SavedView(user: $0["user"], name: $0["name"], query: $0["query"]) }
        }
    }

    func saveView(_ view: SavedView) async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO savedView (user, name, query) VALUES (?, ?, ?)",
                           arguments: [view.user, view.name, view.query])
        }
    }

    func deleteView(user: String, name: String) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM savedView WHERE user = ? AND name = ?", arguments: [user, name])
        }
    }

    private static func storedUser(_ row: Row) throws -> StoredUser {
        let roleName: String = row["role"]
        guard let role = Role(rawValue: roleName) else {
            throw ScanPipelineError(.workspace, "user \(row["name"] as String) has the unknown role \(roleName)")
        }
        let created: String = row["createdAt"]
        return StoredUser(
            account: UserAccount(name: row["name"], displayName: row["displayName"], role: role, disabled: row["disabled"],
                                 osAccount: row["osAccount"],
                                 createdAt: (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(created)) ?? Date(timeIntervalSince1970: 0)),
            passwordHash: row["passwordHash"])
    }
}
