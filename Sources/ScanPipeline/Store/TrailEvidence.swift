/// What the store holds that `scanctl audit verify` checks, read from one snapshot
/// (``AuditLog/trailEvidence(anchoredAt:)``). The findings and their wording are the library's
/// (`Workspace+TrailVerification.swift`); the store only says what it has.
package struct TrailEvidence: Sendable, Equatable {
    /// A `batch.closed` event and the hash of the event right before it (nil when that is gone).
    package struct ClosedBatch: Sendable, Equatable {
        package var event: AuditEvent
        package var previousHash: String?

        package init(event: AuditEvent, previousHash: String?) {
            self.event = event
            self.previousHash = previousHash
        }
    }

    /// A row without the events that made it, or an event that names a row that does not exist.
    package enum Inconsistency: Sendable, Equatable {
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
    package struct AppendOnlyGuard: Sendable, Equatable {
        package enum Condition: Sendable, Equatable {
            case inPlace
            case missing
            /// Present, but no longer rejects the change.
            case altered
        }
        package var name: String
        package var condition: Condition

        package init(name: String, condition: Condition) {
            self.name = name
            self.condition = condition
        }
    }

    package var chain: AuditTrail.Verification
    package var head: AuditHead
    /// The hash of each event asked for that the trail has.
    package var anchoredHashes: [Int64: String]
    /// `transfervermerk.written` events that name a batch, in order.
    package var transfervermerkWritten: [AuditEvent]
    package var closedBatches: [ClosedBatch]
    /// In the order of the checks above, each check's findings in the store's order.
    package var inconsistencies: [Inconsistency]
    package var appendOnlyGuards: [AppendOnlyGuard]

    package init(chain: AuditTrail.Verification, head: AuditHead, anchoredHashes: [Int64: String],
                 transfervermerkWritten: [AuditEvent], closedBatches: [ClosedBatch], inconsistencies: [Inconsistency],
                 appendOnlyGuards: [AppendOnlyGuard]) {
        self.chain = chain
        self.head = head
        self.anchoredHashes = anchoredHashes
        self.transfervermerkWritten = transfervermerkWritten
        self.closedBatches = closedBatches
        self.inconsistencies = inconsistencies
        self.appendOnlyGuards = appendOnlyGuards
    }
}
