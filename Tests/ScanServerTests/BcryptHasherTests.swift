import Testing
@testable import ScanServer

@Suite("bcrypt passwords")
struct BcryptHasherTests {
    @Test func hashesAreSaltedAndVerify() throws {
        let hasher = BcryptHasher(cost: 4)
        let one = try hasher.hash("korrekt-Pferd-Batterie")
        let two = try hasher.hash("korrekt-Pferd-Batterie")
        #expect(one != two)
        #expect(one.hasPrefix("$2"))
        #expect(hasher.verify("korrekt-Pferd-Batterie", hash: one))
        #expect(!hasher.verify("korrekt-pferd-batterie", hash: one))
    }
}
