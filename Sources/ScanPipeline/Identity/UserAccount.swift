public import Foundation

/// A scanctl user as the workspace keeps it (without the password hash).
public struct UserAccount: Sendable, Codable, Equatable {
    /// The login name: lower-case letters, digits, `.`, `_` and `-`; unique in the workspace.
    public var name: String
    /// The name shown to people ("Maria Wagner").
    public var displayName: String
    public var role: Role
    /// A disabled user can no longer log in or act; the account stays for the audit trail.
    public var disabled: Bool
    /// The operating-system account the CLI maps to this user; nil: the account of the same name.
    public var osAccount: String?
    public var createdAt: Date

    public init(name: String, displayName: String, role: Role, disabled: Bool = false, osAccount: String? = nil,
                createdAt: Date = Date()) {
        self.name = name
        self.displayName = displayName
        self.role = role
        self.disabled = disabled
        self.osAccount = osAccount
        self.createdAt = createdAt
    }

    /// Whether `name` is a valid login name.
    public static func isValidName(_ name: String) -> Bool {
        guard (2...64).contains(name.count), let first = name.unicodeScalars.first,
              CharacterSet.lowercaseLetters.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }
}
