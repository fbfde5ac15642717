import HummingbirdBcrypt
public import ScanPipeline

/// bcrypt (cost 12) as the workspace's password hasher: the CLI's `user` commands and the server
/// use it. Both calls block for about a quarter of a second by design; ScanPipeline runs them off
/// the cooperative pool.
public struct BcryptHasher: PasswordHasher {
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) throws -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
