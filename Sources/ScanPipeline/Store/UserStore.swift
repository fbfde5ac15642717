import Foundation

/// Where user accounts and their saved views are kept.
///
/// Contract for a backend:
/// - Each changing method is one transaction: the change and its audit event commit together or
///   not at all.
/// - ``addUser(_:passwordHash:event:)`` refuses (`identity`) a name that is already taken.
/// - ``updateUser(_:event:change:)`` reads the account inside the transaction, lets the pure
///   `change` compute the new account and hash (or refuse), and writes both; `unknown-id` for a
///   name that is not there.
/// - Listings are ordered by name.
package protocol UserStore: Sendable {
    func addUser(_ account: UserAccount, passwordHash: String, event: AuditEntry) async throws
    /// The account and its password hash; nil when there is none of that name.
    func user(named name: String) async throws -> StoredUser?
    /// The account mapped to an operating-system account: the one whose `osAccount` is it, else
    /// the one of that name without another mapping.
    func user(osAccount: String) async throws -> StoredUser?
    func users() async throws -> [UserAccount]
    func updateUser(_ name: String, event: @escaping @Sendable (StoredUser) -> AuditEntry,
                    change: @escaping @Sendable (StoredUser) throws -> StoredUser) async throws
    /// Appends a login event (granted or refused) in its own transaction.
    func recordLogin(_ event: AuditEntry) async throws
    /// The user's saved views of the review queue, by name.
    func savedViews(user: String) async throws -> [SavedView]
    /// Saves (or replaces) the view of that name.
    func saveView(_ view: SavedView) async throws
    func deleteView(user: String, name: String) async throws
}

extension Workspace {
    /// The user store, as the domain sees it.
    var userStore: any UserStore { store }
}

/// An account with its password hash, as the store keeps it.
package struct StoredUser: Sendable, Equatable {
    package var account: UserAccount
    package var passwordHash: String

    package init(account: UserAccount, passwordHash: String) {
        self.account = account
        self.passwordHash = passwordHash
    }
}

/// A review-queue filter a user saved under a name: the query string of the queue page.
public struct SavedView: Sendable, Codable, Equatable {
    public var user: String
    public var name: String
    /// The queue's parameters as a URL query (`state=needs-review&below=0.6`).
    public var query: String

    public init(user: String, name: String, query: String) {
        self.user = user
        self.name = name
        self.query = query
    }
}
