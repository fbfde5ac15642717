/// A user whose identity was established: by password (the browser, `--user` on the CLI), by the
/// trusted proxy's header, or by the operating-system account mapped to the user. Only the
/// workspace's authentication calls create one, so every change made with it names a real user.
public struct AuthenticatedUser: Sendable, Equatable {
    public let name: String
    public let displayName: String
    public let role: Role
    /// How the identity was established (`password`, `proxy`, `os-account`), for the audit trail.
    public let method: String

    init(_ account: UserAccount, method: String) {
        self.name = account.name
        self.displayName = account.displayName
        self.role = account.role
        self.method = method
    }

    public func permits(_ permission: Permission) -> Bool { role.permits(permission) }

    /// Refuses (`forbidden`) unless the user's role grants `permission`.
    public func require(_ permission: Permission, to action: String) throws {
        guard permits(permission) else {
            throw ScanPipelineError(.forbidden, "\(name) (\(role.rawValue)) may not \(action)")
        }
    }

    /// The audit trail's actor for this user.
    public var actor: AuditActor { .person(name) }
}

