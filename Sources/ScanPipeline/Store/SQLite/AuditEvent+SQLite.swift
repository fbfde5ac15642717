internal import GRDB

// Stored through GRDB; the conformances stay internal so that GRDB is not part of the public API.
extension AuditEvent {
    static let columns = "sequence, time, actorKind, actorName, actorVersion, action, batch, file, document, payload, previousHash, hash"

    /// ``columns``, each qualified by `table` (for a join).
    static func columns(of table: String) -> String {
        columns.split(separator: ", ").map { "\(table).\($0)" }.joined(separator: ", ")
    }

    init(row: Row) throws {
        guard let kind = AuditActor.Kind(rawValue: row["actorKind"]) else {
            throw ScanPipelineError(.workspace, "audit event \(row["sequence"] as Int64? ?? 0) has an unknown actor kind")
        }
        self.init(sequence: row["sequence"], time: row["time"], actorKind: kind, actorName: row["actorName"],
                  actorVersion: row["actorVersion"], action: row["action"], batch: row["batch"], file: row["file"],
                  document: row["document"], payload: row["payload"], previousHash: row["previousHash"], hash: row["hash"])
    }

    func insert(_ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO auditEvent (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [sequence, time, actorKind.rawValue, actorName, actorVersion, action, batch, file, document,
                        payload, previousHash, hash])
    }
}
