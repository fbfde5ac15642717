/// Hashes and checks passwords (bcrypt in the product, from the server target; ScanPipeline does
/// not pick the algorithm). Both calls block for a deliberate while: call them off the event loop
/// and off Swift's cooperative pool.
public protocol PasswordHasher: Sendable {
    /// A salted hash of `password`, self-describing (algorithm and cost inside, as bcrypt's `$2b$12$…`).
    func hash(_ password: String) throws -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, hash: String) -> Bool
}
