package import Foundation

/// The append-only, hash-chained audit trail.
///
/// Appends happen inside the store's write transaction, so an event is committed together with the
/// state change it records, or not at all (``AuditLog``; the SQLite part is in
/// `Store/SQLite/AuditTrail+SQLite.swift`). The rules that make it a chain are here, so that every
/// backend checks it the same way.
public enum AuditTrail {
    /// The outcome of checking the chain.
    public struct Verification: Sendable, Equatable {
        /// The first event that does not fit, and why.
        public struct BrokenEvent: Sendable, Equatable, Codable {
            public var sequence: Int64
            public var reason: String
        }

        /// Events checked.
        public var events: Int
        /// The hash of the last event, which stands for the whole trail.
        public var lastHash: String
        /// Nil when the chain is intact.
        public var firstBroken: BrokenEvent?

        public var isIntact: Bool { firstBroken == nil }
    }

    /// Recomputes the chain one event at a time, in sequence order, and stops at the first event
    /// that is altered, missing or out of place: a store feeds it from a cursor, so the trail is
    /// never held in memory as a whole.
    package struct ChainCheck {
        private var previousHash = AuditEvent.genesisHash
        private var expectedSequence: Int64 = 1
        private var count = 0
        private(set) var broken: Verification?

        package init() {}

        /// Checks the next event; false once the chain is broken (read no further).
        package mutating func check(_ event: AuditEvent) -> Bool {
            guard broken == nil else { return false }
            count += 1
            func fail(_ reason: String) -> Bool {
                broken = Verification(events: count, lastHash: previousHash, firstBroken: .init(sequence: event.sequence, reason: reason))
                return false
            }
            if event.sequence != expectedSequence {
                return fail("expected event \(expectedSequence) here: events \(expectedSequence)…\(event.sequence - 1) are missing")
            }
            if event.previousHash != previousHash {
                return fail("its previous hash does not match the hash of event \(event.sequence - 1)")
            }
            if event.computedHash != event.hash {
                return fail("its content does not match its hash: the event was altered")
            }
            previousHash = event.hash
            expectedSequence += 1
            return true
        }

        package var result: Verification { broken ?? Verification(events: count, lastHash: previousHash, firstBroken: nil) }
    }

    /// The event that follows `head`, chained to it.
    package static func chained(_ entry: AuditEntry, after head: AuditHead) throws -> AuditEvent {
        var event = AuditEvent(
            sequence: head.sequence + 1, time: timestamp(entry.time),
            actorKind: entry.actor.kind, actorName: entry.actor.name, actorVersion: entry.actor.version,
            action: entry.action, batch: entry.subjects.batch, file: entry.subjects.file, document: entry.subjects.document,
            payload: try entry.canonicalPayload(), previousHash: head.hash, hash: "")
        event.hash = event.computedHash
        return event
    }

    package static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
