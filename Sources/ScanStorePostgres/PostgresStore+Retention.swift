import Foundation
package import ScanPipeline
import PostgresNIO
import Logging

extension PostgresStore: RetentionLedger {
    package func aussonderungen() async throws -> [AussonderungProcess] {
        try await read { [logger] connection in
            var byProcess: [String: [AussonderungProcess.Record]] = [:]
            for row in try await connection.query("""
                SELECT r.process, r.document, r.akte, r.offeredAs, r.decision, d.batch, d.state
                FROM aussonderungRecord r JOIN document d ON d.id = r.document
                ORDER BY r.process COLLATE "C", r.document COLLATE "C"
                """, logger: logger).collect() {
                let (process, document, akte, offeredAs, decision, batch, stateName) = try row.decode(
                    (String, String, String, String, String?, String, String).self)
                guard let state = DocumentState(rawValue: stateName) else { continue }
                byProcess[process, default: []].append(AussonderungProcess.Record(
                    document: document, batch: batch, akte: akte, offeredAs: offeredAs, decision: decision, state: state))
            }
            return try await connection.query("""
                SELECT process, createdAt, sender, recipient, offeredMessage, handedOverMessage FROM aussonderung
                ORDER BY createdAt COLLATE "C", process COLLATE "C"
                """, logger: logger).collect().map { row in
                let (process, createdAt, sender, recipient, offeredMessage, handedOverMessage) = try row.decode(
                    (String, String, String, String, String, String?).self)
                return AussonderungProcess(process: process, createdAt: createdAt, sender: sender, recipient: recipient,
                                           offeredMessage: offeredMessage, handedOverMessage: handedOverMessage,
                                           records: byProcess[process] ?? [])
            }
        }
    }

    package func recordOffer(_ offer: AussonderungOffer) async throws {
        let taken = ScanPipelineError(.aussonderung, "an Aussonderung with process id \(offer.process) exists already")
        do {
            try await write { [logger] connection in
                guard try await connection.count("SELECT 1 FROM aussonderung WHERE process = \(offer.process)", logger: logger) == 0 else {
                    throw taken
                }
                try await connection.run("""
                    INSERT INTO aussonderung (process, createdAt, sender, recipient, offeredMessage)
                    VALUES (\(offer.process), \(offer.createdAt), \(offer.sender), \(offer.recipient), \(offer.message))
                    """, logger: logger)
                for record in offer.records {
                    try await connection.run("""
                        INSERT INTO aussonderungRecord (process, document, akte, offeredAs)
                        VALUES (\(offer.process), \(record.document), \(record.akte), \(record.offeredAs))
                        """, logger: logger)
                }
                try await Self.apply(offer.moves, events: offer.events, on: connection, logger: logger)
            }
        } catch let error as ScanPipelineError where error.resultCode == "23505" && error.reason.contains("aussonderung_pkey") {
            // Another host created the same process between the check and the insert.
            throw taken
        }
    }

    package func recordEvaluation(process: String, decisions: [String: String], events: [AuditEntry]) async throws {
        try await write { [logger] connection in
            for (document, decision) in decisions.sorted(by: { $0.key < $1.key }) {
                let updated = try await connection.count("""
                    UPDATE aussonderungRecord SET decision = \(decision) WHERE process = \(process) AND document = \(document)
                    RETURNING document
                    """, logger: logger)
                guard updated == 1 else {
                    throw ScanPipelineError(.aussonderung, "record \(document) was not offered in Aussonderung \(process)")
                }
            }
            try await Self.apply([], events: events, on: connection, logger: logger)
        }
    }

    package func recordHandover(process: String, message: String, moves: [RetentionMove], events: [AuditEntry]) async throws {
        try await write { [logger] connection in
            let updated = try await connection.count("""
                UPDATE aussonderung SET handedOverMessage = \(message) WHERE process = \(process) RETURNING process
                """, logger: logger)
            guard updated == 1 else { throw ScanPipelineError(.unknownID, "no Aussonderung has process id \(process)") }
            try await Self.apply(moves, events: events, on: connection, logger: logger)
        }
    }

    package func recordConfirmation(process: String, moves: [RetentionMove], events: [AuditEntry]) async throws {
        try await write { [logger] connection in
            guard try await connection.count("SELECT 1 FROM aussonderung WHERE process = \(process)", logger: logger) == 1 else {
                throw ScanPipelineError(.unknownID, "no Aussonderung has process id \(process)")
            }
            try await Self.apply(moves, events: events, on: connection, logger: logger)
        }
    }

    package func recordDisposal(_ move: RetentionMove, event: AuditEntry) async throws {
        try await write { [logger] connection in try await Self.apply([move], events: [event], on: connection, logger: logger) }
    }

    package func removedRecordFolders() async throws -> [(id: String, folder: String)] {
        let removed = DocumentState.allCases.filter(\.recordFilesRemoved).map(\.rawValue)
        let rows = try await read { [logger] connection in
            try await connection.query("""
                SELECT id, recordPath FROM document WHERE recordPath IS NOT NULL AND state = ANY(\(removed)) ORDER BY id COLLATE "C"
                """, logger: logger).collect().map { row in
                let (id, folder) = try row.decode((String, String).self)
                return [id, folder]
            }
        }
        return rows.map { (id: $0[0], folder: $0[1]) }
    }

    /// Applies each move guarded by its expected state, then appends the events, in the caller's transaction.
    private static func apply(_ moves: [RetentionMove], events: [AuditEntry], on connection: PostgresConnection,
                              logger: Logger) async throws {
        for move in moves {
            let updated = try await connection.count("""
                UPDATE document SET state = \(move.state.rawValue), updatedAt = \(AuditTrail.timestamp(events.first?.time ?? Date()))
                WHERE id = \(move.document) AND state = \(move.expectedState.rawValue)
                RETURNING id
                """, logger: logger)
            guard updated == 1 else {
                guard try await connection.count("SELECT 1 FROM document WHERE id = \(move.document)", logger: logger) == 1 else {
                    throw ScanPipelineError(.unknownID, "document \(move.document) is not in the workspace")
                }
                throw ScanPipelineError(.staleState, "document \(move.document) changed meanwhile; look at it again")
            }
        }
        try await Self.append(events, on: connection, logger: logger)
    }
}
