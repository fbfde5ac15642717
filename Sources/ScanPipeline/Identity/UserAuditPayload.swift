/// The audit events of user accounts and logins.
enum UserAuditPayload {
    struct Added: AuditPayload {
        static let actions: [AuditAction] = [.userAdded]
        var user: String
        var displayName: String
        var role: String
        var osAccount: String?
    }

    struct Changed: AuditPayload {
        static let actions: [AuditAction] = [.userDisabled, .userEnabled, .userPasswordChanged, .userRoleChanged]
        var user: String
        /// For a role change: the old and the new role.
        var oldValue: String?
        var newValue: String?
        var reason: String?
    }

    struct Login: AuditPayload {
        static let actions: [AuditAction] = [.userLoggedIn, .userLoginRefused]
        var user: String
        /// `password`, `proxy`.
        var method: String
        /// Where from (the client's address), when known.
        var client: String?
        /// Why a login was refused (`unknown-user`, `wrong-password`, `disabled`).
        var refusal: String?
    }
}
