/// The trail's last event: what an anchor outside the database records (the head file, a
/// Transfervermerk, a `batch.closed` event). Sequence 0 with the genesis hash for an empty trail.
package struct AuditHead: Sendable, Equatable {
    package var sequence: Int64
    package var hash: String

    package init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    package static let empty = AuditHead(sequence: 0, hash: AuditEvent.genesisHash)
}
