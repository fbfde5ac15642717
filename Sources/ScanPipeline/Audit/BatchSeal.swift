public import Foundation
import Crypto

/// An Ed25519 signature over a Transfervermerk's bytes, stored beside it as `<batch>.seal.json`.
/// Whoever holds the public key can check that the note, and with it the audit trail's head it
/// names, is what the sealing office wrote.
public struct BatchSeal: Sendable, Codable, Equatable {
    public var algorithm = "Ed25519"
    /// Base64 of the raw 32-byte public key.
    public var publicKey: String
    /// Base64 of the signature over the sealed file's bytes.
    public var signature: String
    /// The sealed file's name and SHA-256.
    public var file: String
    public var sha256: String

    /// Seals `data` (the content of `file`) with `key`.
    public init(sealing data: Data, file: String, with key: SealKey) throws {
        publicKey = key.publicKey
        signature = try key.privateKey.signature(for: data).base64EncodedString()
        self.file = file
        sha256 = data.sha256Hex
    }

    /// Why `data` does not match this seal, or nil when it does. With `trusted`, the seal must also
    /// be made by that public key (base64).
    public func problem(with data: Data, trusted: String? = nil) -> String? {
        guard algorithm == "Ed25519" else { return "the seal uses \(algorithm), not Ed25519" }
        if let trusted, trusted != publicKey { return "sealed with another key (\(publicKey.prefix(12))…) than the trusted one" }
        guard data.sha256Hex == sha256 else { return "\(file) was changed after sealing (SHA-256 differs)" }
        guard let keyData = Data(base64Encoded: publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyData),
              let signatureData = Data(base64Encoded: signature) else { return "the seal is malformed" }
        return key.isValidSignature(signatureData, for: data) ? nil : "the signature does not match \(file)"
    }
}

/// The private key a municipality seals Transfervermerke with: a file holding the base64 of the raw
/// 32-byte Ed25519 private key, readable only by its owner.
public struct SealKey: Sendable {
    /// The raw key (kept as bytes: swift-crypto's key type is not Sendable).
    private let raw: Data

    private init(raw: Data) { self.raw = raw }

    var privateKey: Curve25519.Signing.PrivateKey {
        // `raw` was checked when the key was loaded or made.
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { fatalError("checked seal key became invalid") }
        return key
    }

    /// Base64 of the raw public key, to hand to auditors.
    public var publicKey: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    public static func generate() -> SealKey { SealKey(raw: Curve25519.Signing.PrivateKey().rawRepresentation) }

    /// The key file's content.
    public var fileContent: String { raw.base64EncodedString() + "\n" }

    public static func load(from url: URL) throws -> SealKey {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ScanPipelineError(.seal, path: url.path, "the seal key cannot be read")
        }
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
              (try? Curve25519.Signing.PrivateKey(rawRepresentation: data)) != nil else {
            throw ScanPipelineError(.seal, path: url.path, "is not a seal key (base64 of a 32-byte Ed25519 private key)")
        }
        return SealKey(raw: data)
    }
}
