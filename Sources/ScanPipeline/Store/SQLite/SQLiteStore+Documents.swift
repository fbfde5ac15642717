import Foundation
internal import GRDB

extension SQLiteStore: DocumentStore {
    // MARK: Moves

    func commit(_ transition: DocumentTransition) async throws {
        try await database.write { db in try Self.apply(db, transition) }
    }

    func quarantine(_ transition: DocumentTransition, copy: QuarantineCopy) async throws {
        try await database.write { db in
            try Self.apply(db, transition, eventsAfter: { try Self.recordQuarantine(db, copy) })
        }
    }

    func register(_ registration: DocumentRegistration) async throws {
        try await database.write { db in
            if let source = registration.source { try Self.registerSource(db, source) }
            if let document = registration.document { try Self.insert(db, document, time: registration.source?.time) }
            if let copy = registration.quarantine { try Self.recordQuarantine(db, copy) }
            try Self.append(db, registration.events)
            if let retries = registration.retries { try Self.closeAsRetried(db, retries) }
        }
    }

    func split(_ split: DocumentSplit) async throws {
        try await database.write { db in
            try Self.requireState(db, document: split.original, DocumentState.separated)
            for part in split.parts {
                try Self.insert(db, part.document, time: nil)
                for number in part.pages {
                    try db.execute(sql: "UPDATE page SET document = ? WHERE document = ? AND number = ?",
                                   arguments: [part.document.id, split.original, number])
                }
                try Self.append(db, part.events)
            }
            try Self.append(db, [split.event])
        }
    }

    func recordEvents(_ events: [AuditEntry]) async throws {
        guard !events.isEmpty else { return }
        try await database.write { db in try Self.append(db, events) }
    }

    // MARK: Documents

    func state(of document: String) async throws -> DocumentState? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT state FROM document WHERE id = ?", arguments: [document])
                .flatMap(DocumentState.init(rawValue:))
        }
    }

    func classification(of document: String) async throws -> Classification? {
        let json = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT classification FROM document WHERE id = ?", arguments: [document])
        }
        return json.flatMap { try? JSONDecoder().decode(Classification.self, from: Data($0.utf8)) }
    }

    func unsettledDocuments() async throws -> [UnsettledDocument] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.sourceFile, d.pageCount, d.state, d.batch, d.parent, s.path FROM document d
                JOIN sourceFile s ON s.sha256 = d.sourceFile
                WHERE d.state NOT IN (\(DocumentState.settledSQLList)) ORDER BY d.rowid
                """).map { row in
                UnsettledDocument(id: row["id"], sourceFile: row["sourceFile"], path: row["path"], pageCount: row["pageCount"],
                                  state: DocumentState(rawValue: row["state"]), batch: row["batch"], parent: row["parent"])
            }
        }
    }

    func unsettledDocumentCount() async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE state NOT IN (\(DocumentState.settledSQLList))") ?? 0
        }
    }

    func unsettledDocumentCount(inFamilyOf root: String) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM document WHERE (id = ? OR parent = ?) AND state NOT IN (\(DocumentState.settledSQLList))
                """, arguments: [root, root]) ?? 0
        }
    }

    func documents(fromSource sha256: String) async throws -> [SourceDocument] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.state, d.batch, q.closedBy, q.closeReason, q.retriedAs FROM document d
                LEFT JOIN quarantine q ON q.document = d.id WHERE d.sourceFile = ? ORDER BY d.rowid
                """, arguments: [sha256]).map { row in
                SourceDocument(id: row["id"], state: DocumentState(rawValue: row["state"]), batch: row["batch"],
                               closedBy: row["closedBy"], closeReason: row["closeReason"], retriedAs: row["retriedAs"])
            }
        }
    }

    func sourceFile(_ sha256: String) async throws -> SourceFacts? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT path, size, format, akte FROM sourceFile WHERE sha256 = ?", arguments: [sha256])
                .map { row in
                    SourceFacts(path: row["path"], size: row["size"], format: row["format"],
                                akte: (row["akte"] as String?).flatMap { try? JSONDecoder().decode(DeliveryAkte.self, from: Data($0.utf8)) })
                }
        }
    }

    func documents(withAktenzeichen aktenzeichen: String, except document: String) async throws -> [(id: String, state: DocumentState?)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, state FROM document WHERE aktenzeichen = ? AND id != ? ORDER BY rowid",
                             arguments: [aktenzeichen, document])
                .map { (id: $0["id"], state: ($0["state"] as String?).flatMap(DocumentState.init(rawValue:))) }
        }
    }

    // MARK: Inside a transaction

    /// Commits a transition guarded by its `from` state; `eventsAfter` writes rows that belong to
    /// the move before its events are appended.
    static func apply(_ db: Database, _ transition: DocumentTransition, eventsAfter rows: () throws -> Void = {}) throws {
        let changes = transition.changes
        var assignments = ["state = ?", "updatedAt = ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [transition.to.rawValue, AuditTrail.timestamp(Date())]
        let columns: [(String, (any DatabaseValueConvertible)?)] = [
            ("classification", changes.classification), ("planCode", changes.planCode), ("problem", changes.problem),
            ("problemCode", changes.problemCode), ("recordPath", changes.recordPath), ("confidence", changes.confidence),
            ("suggestedCode", changes.suggestedCode), ("schutzbedarf", changes.schutzbedarf),
            ("aktenzeichen", changes.aktenzeichen),
        ]
        for (column, value) in columns {
            guard let value else { continue }
            assignments.append("\(column) = ?")
            arguments.append(value)
        }
        arguments += [transition.document, transition.from.rawValue]
        try db.execute(sql: "UPDATE document SET \(assignments.joined(separator: ", ")) WHERE id = ? AND state = ?",
                       arguments: StatementArguments(arguments))
        if db.changesCount == 0 { try requireState(db, document: transition.document, transition.from) }
        try rows()
        try append(db, transition.events)
    }

    /// Throws `unknown-id` when there is no such document, `stale-state` when it is not in `expected`.
    static func requireState(_ db: Database, document: String, _ expected: DocumentState) throws {
        guard let raw = try String.fetchOne(db, sql: "SELECT state FROM document WHERE id = ?", arguments: [document]) else {
            throw ScanPipelineError(.unknownID, "document \(document) is not in the workspace")
        }
        guard raw == expected.rawValue else {
            throw ScanPipelineError(.staleState, "document \(document) is \(raw) now, no longer \(expected.rawValue)")
        }
    }

    static func append(_ db: Database, _ events: [AuditEntry]) throws {
        for event in events { try event.append(db) }
    }

    static func insert(_ db: Database, _ document: NewDocument, time: String?) throws {
        try db.execute(sql: """
            INSERT INTO document (id, batch, sourceFile, parent, state, pageCount, problemCode, problem, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [document.id, document.batch, document.sourceFile, document.parent, document.state.rawValue,
                             document.pageCount, document.problemCode, document.problem, time ?? AuditTrail.timestamp(Date())])
    }

    static func registerSource(_ db: Database, _ source: SourceRegistration) throws {
        try db.execute(sql: """
            INSERT INTO sourceFile (sha256, batch, path, size, format, ingestedAt, akte) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, size = excluded.size, format = excluded.format,
                                               akte = excluded.akte
            """, arguments: [source.sha256, source.batch, source.path, source.size, source.format, source.time,
                             try source.akte.map(CanonicalJSON.string)])
    }

    static func recordQuarantine(_ db: Database, _ copy: QuarantineCopy) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO quarantine (document, path, storedAs, reasonFile, quarantinedAt) VALUES (?, ?, ?, ?, ?)
            """, arguments: [copy.document, copy.path, copy.storedAs, copy.reasonFile, copy.time])
    }

    /// Closes the documents a registration retries, each with its `quarantine.retried` event.
    static func closeAsRetried(_ db: Database, _ request: Workspace.RetryRequest) throws {
        for closure in request.closures {
            guard let row = try Row.fetchOne(db, sql: "SELECT state, sourceFile, problemCode FROM document WHERE id = ?",
                                             arguments: [closure.document]) else { continue }
            let candidate = RetryCandidate(id: closure.document, state: DocumentState(rawValue: row["state"]),
                                           sourceFile: row["sourceFile"], problemCode: row["problemCode"])
            guard let (transition, closing) = request.closing(closure, candidate: candidate,
                                                              at: AuditTrail.timestamp(Date())) else { continue }
            try apply(db, transition, eventsAfter: {
                try db.execute(sql: """
                    UPDATE quarantine SET closedAt = ?, closedBy = ?, closeReason = ?, retriedAs = ? WHERE document = ?
                    """, arguments: [closing.closedAt, closing.closedBy, closing.reason, closing.retriedAs, closure.document])
            })
        }
    }
}
