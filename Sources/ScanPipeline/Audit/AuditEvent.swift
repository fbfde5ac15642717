import Crypto
import Foundation

/// One entry of the append-only audit trail.
///
/// The hash chains every event to the one before it: `hash = SHA-256(previousHash ‖ canonical)`,
/// where ``canonical`` is the event as JSON with sorted keys and the payload embedded exactly as it
/// was stored. Changing any field of any event, removing one or reordering them breaks the chain
/// at that event, which the chain check (``AuditTrail/ChainCheck``) reports.
public struct AuditEvent: Sendable, Equatable, Codable {
    /// 1, 2, 3, ... without gaps.
    public var sequence: Int64
    /// UTC, ISO 8601 with milliseconds.
    public var time: String
    public var actorKind: AuditActor.Kind
    public var actorName: String
    public var actorVersion: String?
    /// What happened, e.g. `batch.opened`, `file.ingested`, `page.derived`, `document.quarantined`.
    public var action: String
    public var batch: String?
    public var file: String?
    public var document: String?
    /// Details as canonical JSON (sorted keys): old and new values, reasons, versions.
    public var payload: String
    public var previousHash: String
    public var hash: String

    package init(sequence: Int64, time: String, actorKind: AuditActor.Kind, actorName: String, actorVersion: String?,
                 action: String, batch: String?, file: String?, document: String?, payload: String, previousHash: String,
                 hash: String) {
        self.sequence = sequence
        self.time = time
        self.actorKind = actorKind
        self.actorName = actorName
        self.actorVersion = actorVersion
        self.action = action
        self.batch = batch
        self.file = file
        self.document = document
        self.payload = payload
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash that precedes the first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    public var actor: AuditActor { AuditActor(kind: actorKind, name: actorName, version: actorVersion) }
    public var subjects: AuditSubjects { AuditSubjects(batch: batch, file: file, document: document) }

    /// The event as the text that is hashed: every field but `hash`, keys in sorted order, the
    /// payload verbatim.
    public var canonical: String {
        func string(_ value: String?) -> String {
            guard let value else { return "null" }
            // A single JSON string, escaped by the encoder.
            return (try? String(decoding: CanonicalJSON.encoder.encode(value), as: UTF8.self)) ?? "null"
        }
        return "{\"action\":\(string(action)),\"actorKind\":\(string(actorKind.rawValue)),"
            + "\"actorName\":\(string(actorName)),\"actorVersion\":\(string(actorVersion)),"
            + "\"batch\":\(string(batch)),\"document\":\(string(document)),\"file\":\(string(file)),"
            + "\"payload\":\(payload),\"previousHash\":\(string(previousHash)),"
            + "\"sequence\":\(sequence),\"time\":\(string(time))}"
    }

    /// SHA-256 of the previous hash followed by the canonical event, as lowercase hex.
    public var computedHash: String {
        var hasher = SHA256()
        hasher.update(data: Data(previousHash.utf8))
        hasher.update(data: Data(canonical.utf8))
        return hasher.finalize().hexString
    }
}
