import Foundation
internal import GRDB

extension SQLiteStore: RetentionLedger {
    func aussonderungen() async throws -> [AussonderungProcess] {
        try await database.read { db in
            let records = try Row.fetchAll(db, sql: """
                SELECT r.process, r.document, r.akte, r.offeredAs, r.decision, d.batch, d.state
                FROM aussonderungRecord r JOIN document d ON d.id = r.document ORDER BY r.process, r.document
                """)
            var byProcess: [String: [AussonderungProcess.Record]] = [:]
            for row in records {
                guard let state = DocumentState(rawValue: row["state"]) else { continue }
                byProcess[row["process"], default: []].append(AussonderungProcess.Record(
                    document: row["document"], batch: row["batch"], akte: row["akte"], offeredAs: row["offeredAs"],
                    decision: row["decision"], state: state))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM aussonderung ORDER BY createdAt, process").map { row in
                AussonderungProcess(process: row["process"], createdAt: row["createdAt"], sender: row["sender"],
                                    recipient: row["recipient"], offeredMessage: row["offeredMessage"],
                                    handedOverMessage: row["handedOverMessage"], records: byProcess[row["process"]] ?? [])
            }
        }
    }

    func recordOffer(_ offer: AussonderungOffer) async throws {
        try await database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM aussonderung WHERE process = ?", arguments: [offer.process]) == nil else {
                throw ScanPipelineError(.aussonderung, "an Aussonderung with process id \(offer.process) exists already")
            }
            try db.execute(sql: """
                INSERT INTO aussonderung (process, createdAt, sender, recipient, offeredMessage) VALUES (?, ?, ?, ?, ?)
                """, arguments: [offer.process, offer.createdAt, offer.sender, offer.recipient, offer.message])
            for record in offer.records {
                try db.execute(sql: "INSERT INTO aussonderungRecord (process, document, akte, offeredAs) VALUES (?, ?, ?, ?)",
                               arguments: [offer.process, record.document, record.akte, record.offeredAs])
            }
            try Self.apply(offer.moves, events: offer.events, db)
        }
    }

    func recordEvaluation(process: String, decisions: [String: String], events: [AuditEntry]) async throws {
        try await database.write { db in
            for (document, decision) in decisions.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "UPDATE aussonderungRecord SET decision = ? WHERE process = ? AND document = ?",
                               arguments: [decision, process, document])
                guard db.changesCount == 1 else {
                    throw ScanPipelineError(.aussonderung, "record \(document) was not offered in Aussonderung \(process)")
                }
            }
            try Self.apply([], events: events, db)
        }
    }

    func recordHandover(process: String, message: String, moves: [RetentionMove], events: [AuditEntry]) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE aussonderung SET handedOverMessage = ? WHERE process = ?", arguments: [message, process])
            guard db.changesCount == 1 else { throw ScanPipelineError(.unknownID, "no Aussonderung has process id \(process)") }
            try Self.apply(moves, events: events, db)
        }
    }

    func recordConfirmation(process: String, moves: [RetentionMove], events: [AuditEntry]) async throws {
        try await database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM aussonderung WHERE process = ?", arguments: [process]) != nil else {
                throw ScanPipelineError(.unknownID, "no Aussonderung has process id \(process)")
            }
            try Self.apply(moves, events: events, db)
        }
    }

    func recordDisposal(_ move: RetentionMove, event: AuditEntry) async throws {
        try await database.write { db in try Self.apply([move], events: [event], db) }
    }

    func removedRecordFolders() async throws -> [(id: String, folder: String)] {
        let removed = DocumentState.allCases.filter(\.recordFilesRemoved).map(\.rawValue)
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, recordPath FROM document WHERE recordPath IS NOT NULL
                  AND state IN (\(removed.map { _ in "?" }.joined(separator: ", "))) ORDER BY id
                """, arguments: StatementArguments(removed))
                .map { [$0["id"] as String, $0["recordPath"] as String] }
        }
        return rows.map { (id: $0[0], folder: $0[1]) }
    }

    /// Applies each move guarded by its expected state, then appends the events, in the caller's transaction.
    private static func apply(_ moves: [RetentionMove], events: [AuditEntry], _ db: Database) throws {
        for move in moves {
            try db.execute(sql: "UPDATE document SET state = ?, updatedAt = ? WHERE id = ? AND state = ?",
                           arguments: [move.state.rawValue, AuditTrail.timestamp(events.first?.time ?? Date()), move.document,
                                       move.expectedState.rawValue])
            guard db.changesCount == 1 else {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM document WHERE id = ?", arguments: [move.document]) != nil else {
                    throw ScanPipelineError(.unknownID, "document \(move.document) is not in the workspace")
                }
                throw ScanPipelineError(.staleState, "document \(move.document) changed meanwhile; look at it again")
            }
        }
        for event in events { try event.append(db) }
    }
}
