import Foundation
import Testing
@testable import ScanPipeline
import TestSupport

/// Ed25519 seals over Transfervermerke.
@Suite("Batch seal")
struct BatchSealTests {
    @Test func aSealChecksOutOnlyForTheSealedBytesAndKey() throws {
        let key = SealKey.generate()
        let note = Data("{\"batch\":\"b1\",\"pages\":11}".utf8)
        let seal = try BatchSeal(sealing: note, file: "b1.json", with: key)
        #expect(seal.problem(with: note) == nil)
        #expect(seal.problem(with: note, trusted: key.publicKey) == nil)

        let altered = Data("{\"batch\":\"b1\",\"pages\":12}".utf8)
        #expect(seal.problem(with: altered)?.contains("changed after sealing") == true)
        #expect(seal.problem(with: note, trusted: SealKey.generate().publicKey)?.contains("another key") == true)

        // A forged seal: the right hash, but a signature by someone else's key under our public key.
        var forged = try BatchSeal(sealing: note, file: "b1.json", with: SealKey.generate())
        forged.publicKey = key.publicKey
        #expect(forged.problem(with: note)?.contains("signature does not match") == true)
    }

    @Test func readsKeyFilesAndRefusesOthers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("seal.key")
        let key = SealKey.generate()
        try key.fileContent.write(to: file, atomically: true, encoding: .utf8)
        #expect(try SealKey.load(from: file).publicKey == key.publicKey)
        try "not a key\n".write(to: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: ScanPipelineError.self) { try SealKey.load(from: file) }
        #expect(error?.code == .seal && error?.path == file.path)
    }
}
