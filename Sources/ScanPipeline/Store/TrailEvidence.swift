/// What the store holds that `scanctl audit verify` checks, read from one snapshot
/// (``AuditLog/trailEvidence(anchoredAt:)``). The findings and their wording are the library's
/// (`Workspace+TrailVerification.swift`); the store only says what it has.
struct TrailEvidence: Sendable, Equatable {
    /// A `batch.closed` event and the hash of the event right before it (nil when that is gone).
    struct ClosedBatch: Sendable, Equatable {
        var event: AuditEvent
        var previousHash: String?
    }

    /// A row without the events that made it, or an event that names a row that does not exist.
    enum Inconsistency: Sendable, Equatable {
        case batchWithoutOpenedEvent(batch: String)
        case closedBatchWithoutClosedEvent(batch: String)
        case openBatchClosedByTrail(batch: String)
        case documentWithoutEvent(document: String)
        case recordWithoutWrittenEvent(document: String)
        case sourceFileWithoutEvent(sha256: String)
        case eventNamesUnknownDocument(document: String)
        case eventNamesUnknownBatch(batch: String)
    }

    /// One of the backend's guards that make the trail append-only (SQLite: a trigger).
    struct AppendOnlyGuard: Sendable, Equatable {
        enum Condition: Sendable, Equatable {
            case inPlace
            case missing
            /// Present, but no longer rejects the change.
            case altered
        }
        var name: String
        var condition: Condition
    }

    var chain: AuditTrail.Verification
    var head: AuditHead
    /// The hash of each event asked for that the trail has.
    var anchoredHashes: [Int64: String]
    /// `transfervermerk.written` events that name a batch, in order.
    var transfervermerkWritten: [AuditEvent]
    var closedBatches: [ClosedBatch]
    /// In the order of the checks above, each check's findings in the store's order.
    var inconsistencies: [Inconsistency]
    var appendOnlyGuards: [AppendOnlyGuard]
}
