import Foundation

/// Users, their roles and authentication: the identities that every change is made by.
///
/// Who may manage users: a user whose role permits ``Permission/manageUsers``; on a workspace
/// that has no user yet, the first one may be added by whoever holds the workspace (that is how
/// an installation starts), and it must be an admin or a records manager.
extension Workspace {
    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    public func users() async throws -> [UserAccount] {
        try await userStore.users()
    }

    public func user(named name: String) async throws -> UserAccount? {
        try await userStore.user(named: name)?.account
    }

    /// Adds a user. `by` is the admin doing it; nil only while the workspace has no users.
    public func addUser(_ account: UserAccount, password: String, by admin: AuthenticatedUser?,
                        hasher: any PasswordHasher) async throws {
        guard UserAccount.isValidName(account.name) else {
            throw ScanPipelineError(.identity, "\(account.name) is not a valid user name: 2-64 lower-case letters, digits, "
                                    + "'.', '_' or '-', starting with a letter")
        }
        guard !account.displayName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ScanPipelineError(.identity, "a user needs a display name")
        }
        let actor: AuditActor
        if let admin {
            try admin.require(.manageUsers, to: "add users")
            actor = admin.actor
        } else {
            guard try await userStore.users().isEmpty else {
                throw ScanPipelineError(.forbidden, "only an admin may add users to a workspace that has them")
            }
            // Only an admin can add the others; a first user of any other role would lock the workspace.
            guard account.role == .admin else {
                throw ScanPipelineError(.identity, "the first user of a workspace must be an admin (--role admin), who adds the others")
            }
            actor = .person(account.name)
        }
        let hash = try await Self.hashing(password, with: hasher)
        let payload = UserAuditPayload.Added(user: account.name, displayName: account.displayName, role: account.role.rawValue,
                                             osAccount: account.osAccount)
        try await userStore.addUser(account, passwordHash: hash, event: AuditEntry(actor: actor, payload: payload))
    }

    /// Disables (or with `enabled` true, enables again) a user; the account stays.
    public func setUser(_ name: String, enabled: Bool, reason: String?, by admin: AuthenticatedUser) async throws {
        try admin.require(.manageUsers, to: "disable or enable users")
        guard enabled || name != admin.name else {
            throw ScanPipelineError(.identity, "an admin cannot disable their own account")
        }
        let actor = admin.actor
        try await userStore.updateUser(name, event: { stored in
            AuditEntry(actor: actor, action: enabled ? .userEnabled : .userDisabled,
                       payload: UserAuditPayload.Changed(user: stored.account.name, reason: reason))
        }, change: { stored in
            var changed = stored
            changed.account.disabled = !enabled
            return changed
        })
    }

    /// Changes a role; audited with the old and the new one.
    public func setRole(_ name: String, to role: Role, by admin: AuthenticatedUser) async throws {
        try admin.require(.manageUsers, to: "change roles")
        let actor = admin.actor
        try await userStore.updateUser(name, event: { stored in
            AuditEntry(actor: actor, action: .userRoleChanged,
                       payload: UserAuditPayload.Changed(user: stored.account.name, oldValue: stored.account.role.rawValue,
                                                         newValue: role.rawValue))
        }, change: { stored in
            var changed = stored
            changed.account.role = role
            return changed
        })
    }

    /// Sets a new password: a user their own, an admin anyone's.
    public func changePassword(of name: String, to password: String, by user: AuthenticatedUser,
                               hasher: any PasswordHasher) async throws {
        if user.name != name { try user.require(.manageUsers, to: "change another user's password") }
        let hash = try await Self.hashing(password, with: hasher)
        try await userStore.updateUser(name, event: { [actor = user.actor] stored in
            AuditEntry(actor: actor, action: .userPasswordChanged, payload: UserAuditPayload.Changed(user: stored.account.name))
        }, change: { stored in
            var changed = stored
            changed.passwordHash = hash
            return changed
        })
    }

    /// Checks a name and password; the login is audited, granted or refused. A refusal says only
    /// that name or password is wrong (or the account disabled), never which.
    public func authenticate(_ name: String, password: String, client: String?,
                             hasher: any PasswordHasher) async throws -> AuthenticatedUser {
        let stored = try await userStore.user(named: name)
        // The hash is checked even for an unknown name, so that timing does not tell names apart.
        let hash = stored?.passwordHash ?? Self.unknownUserHash
        let matches = await Self.verifying(password, hash: hash, with: hasher)
        var refusal: String?
        if stored == nil { refusal = "unknown-user" } else if !matches { refusal = "wrong-password" }
        else if stored?.account.disabled == true { refusal = "disabled" }
        let event = UserAuditPayload.Login(user: name, method: "password", client: client, refusal: refusal)
        try await userStore.recordLogin(AuditEntry(actor: .person(name), action: refusal == nil ? .userLoggedIn : .userLoginRefused,
                                                   payload: event))
        guard refusal == nil, let stored else {
            throw ScanPipelineError(.identity, refusal == "disabled" ? "the account \(name) is disabled"
                                    : "user name or password is wrong")
        }
        return AuthenticatedUser(stored.account, method: "password")
    }

    /// The user a trusted proxy vouched for (its `Remote-User` header); audited like a login.
    public func authenticateFromProxy(_ name: String, client: String?) async throws -> AuthenticatedUser {
        let stored = try await userStore.user(named: name)
        let refusal = stored == nil ? "unknown-user" : stored!.account.disabled ? "disabled" : nil
        let event = UserAuditPayload.Login(user: name, method: "proxy", client: client, refusal: refusal)
        try await userStore.recordLogin(AuditEntry(actor: .person(name), action: refusal == nil ? .userLoggedIn : .userLoginRefused,
                                                   payload: event))
        guard let stored, refusal == nil else {
            throw ScanPipelineError(.identity, "the proxy's user \(name) is \(refusal == "disabled" ? "disabled" : "not a scanctl user")")
        }
        return AuthenticatedUser(stored.account, method: "proxy")
    }

    /// The user mapped to the operating-system account the CLI runs as (no login event: the
    /// operating system authenticated it; the change it makes is audited).
    public func userForOSAccount(_ account: String) async throws -> AuthenticatedUser {
        guard let stored = try await userStore.user(osAccount: account) else {
            let none = try await userStore.users().isEmpty
            throw ScanPipelineError(.identity, none
                ? "this workspace has no users yet: add yourself first with `scanctl user add \(account) --role admin`"
                : "the operating-system account \(account) is not mapped to a scanctl user (an admin adds one with "
                    + "`scanctl user add \(account) --role ROLE`)")
        }
        guard !stored.account.disabled else { throw ScanPipelineError(.identity, "the account \(stored.account.name) is disabled") }
        return AuthenticatedUser(stored.account, method: "os-account")
    }

    /// The user of a session the server established earlier, as the account is now: refused when
    /// disabled or gone since, with the role as it is now (a server calls this on every request).
    public func currentUser(name: String, method: String) async throws -> AuthenticatedUser {
        guard let stored = try await userStore.user(named: name), !stored.account.disabled else {
            throw ScanPipelineError(.identity, "the account \(name) is disabled or gone")
        }
        return AuthenticatedUser(stored.account, method: method)
    }

    public func savedViews(of user: AuthenticatedUser) async throws -> [SavedView] {
        try await userStore.savedViews(user: user.name)
    }

    public func saveView(named name: String, query: String, for user: AuthenticatedUser) async throws {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...80).contains(name.count) else { throw ScanPipelineError(.identity, "a view needs a name of 1-80 characters") }
        try await userStore.saveView(SavedView(user: user.name, name: name, query: query))
    }

    public func deleteView(named name: String, for user: AuthenticatedUser) async throws {
        try await userStore.deleteView(user: user.name, name: name)
    }

    // A bcrypt hash of no password anyone has: unknown names cost as much as known ones.
    private static let unknownUserHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhuJuL4i.2.7g1c0Kq2E3w9Zk6rYjYF1Gq"

    private static func hashing(_ password: String, with hasher: any PasswordHasher) async throws -> String {
        guard password.count >= minimumPasswordLength else {
            throw ScanPipelineError(.identity, "a password needs at least \(minimumPasswordLength) characters")
        }
        return try await BlockingWork.run { try hasher.hash(password) }
    }

    private static func verifying(_ password: String, hash: String, with hasher: any PasswordHasher) async -> Bool {
        (try? await BlockingWork.run { hasher.verify(password, hash: hash) }) ?? false
    }
}
