import Foundation
package import ScanPipeline
import PostgresNIO

/// Documents as SQLite's store keeps them (`SQLiteStore+Documents.swift`), with two things only a
/// shared store needs: every write that completes work checks the document fence first
/// (``checkFence(on:logger:)``), and a source file registered by two hosts at the same moment
/// yields one live document (the unique index `document_live_source`): the second registration is
/// refused with `stale-state`, and the ingest that made it decides again, as a duplicate.
extension PostgresStore: DocumentStore {
    // MARK: Moves

    package func commit(_ transition: DocumentTransition) async throws {
        try await write { [logger] connection in
            try await Self.checkFence(on: connection, logger: logger)
            try await Self.apply(transition, on: connection, logger: logger)
        }
    }

    package func quarantine(_ transition: DocumentTransition, copy: QuarantineCopy) async throws {
        try await write { [logger] connection in
            try await Self.checkFence(on: connection, logger: logger)
            try await Self.apply(transition, on: connection, logger: logger, rowsBeforeEvents: {
                try await Self.recordQuarantine(copy, on: connection, logger: logger)
            })
        }
    }

    package func register(_ registration: DocumentRegistration) async throws {
        do {
            try await write { [logger] connection in
                if let source = registration.source { try await Self.registerSource(source, on: connection, logger: logger) }
                if let document = registration.document {
                    try await Self.insert(document, time: registration.source?.time, on: connection, logger: logger)
                }
                if let copy = registration.quarantine { try await Self.recordQuarantine(copy, on: connection, logger: logger) }
                try await Self.append(registration.events, on: connection, logger: logger)
                if let retries = registration.retries { try await Self.closeAsRetried(retries, on: connection, logger: logger) }
            }
        } catch let error as ScanPipelineError where error.resultCode == "23505" && error.reason.contains(Self.liveSourceIndex) {
            let sha256 = registration.source?.sha256 ?? registration.document?.sourceFile ?? "?"
            throw ScanPipelineError(.staleState, "another host registered the file with SHA-256 \(sha256) at the same moment; "
                                    + "look at it again (it is a duplicate now)", resultCode: "23505")
        }
    }

    package func split(_ split: DocumentSplit) async throws {
        try await write { [logger] connection in
            try await Self.checkFence(on: connection, logger: logger)
            try await Self.requireState(document: split.original, .separated, on: connection, logger: logger, lock: true)
            for part in split.parts {
                try await Self.insert(part.document, time: nil, on: connection, logger: logger)
                for number in part.pages {
                    try await connection.run("""
                        UPDATE page SET document = \(part.document.id) WHERE document = \(split.original) AND number = \(number)
                        """, logger: logger)
                }
                try await Self.append(part.events, on: connection, logger: logger)
            }
            try await Self.append([split.event], on: connection, logger: logger)
        }
    }

    package func recordEvents(_ events: [AuditEntry]) async throws {
        guard !events.isEmpty else { return }
        try await write { [logger] connection in
            // Events of a document under a lease complete work too.
            if events.contains(where: { $0.subjects.document != nil }) { try await Self.checkFence(on: connection, logger: logger) }
            try await Self.append(events, on: connection, logger: logger)
        }
    }

    // MARK: Documents

    package func state(of document: String) async throws -> DocumentState? {
        try await read { [logger] connection in
            try await connection.query("SELECT state FROM document WHERE id = \(document)", logger: logger)
                .collect().first.flatMap { DocumentState(rawValue: try $0.decode(String.self)) }
        }
    }

    package func classification(of document: String) async throws -> Classification? {
        let json = try await read { [logger] connection in
            try await connection.query("SELECT classification FROM document WHERE id = \(document)", logger: logger)
                .collect().first.flatMap { try $0.decode(String?.self) }
        }
        return json.flatMap { try? JSONDecoder().decode(Classification.self, from: Data($0.utf8)) }
    }

    package func unsettledDocuments() async throws -> [UnsettledDocument] {
        try await read { [logger] connection in
            var documents: [UnsettledDocument] = []
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT d.id, d.sourceFile, d.pageCount, d.state, d.batch, d.parent, s.path FROM document d
                JOIN sourceFile s ON s.sha256 = d.sourceFile
                WHERE d.state NOT IN (\(Self.settledList)) ORDER BY d.created
                """), logger: logger)
            for try await (id, sourceFile, pageCount, state, batch, parent, path)
                in rows.decode((String, String, Int, String, String, String?, String).self) {
                documents.append(UnsettledDocument(id: id, sourceFile: sourceFile, path: path, pageCount: pageCount,
                                                   state: DocumentState(rawValue: state), batch: batch, parent: parent))
            }
            return documents
        }
    }

    package func unsettledDocumentCount() async throws -> Int {
        try await read { [logger] connection in
            try await Self.single(Int.self, on: connection, logger: logger,
                                  PostgresQuery(unsafeSQL: "SELECT COUNT(*)::int FROM document WHERE state NOT IN (\(Self.settledList))")) ?? 0
        }
    }

    package func unsettledDocumentCount(inFamilyOf root: String) async throws -> Int {
        try await read { [logger] connection in
            try await Self.single(Int.self, on: connection, logger: logger, PostgresQuery(unsafeSQL: """
                SELECT COUNT(*)::int FROM document WHERE (id = $1 OR parent = $1) AND state NOT IN (\(Self.settledList))
                """, binds: Self.binds(root))) ?? 0
        }
    }

    package func documents(fromSource sha256: String) async throws -> [SourceDocument] {
        try await read { [logger] connection in
            var documents: [SourceDocument] = []
            let rows = try await connection.query("""
                SELECT d.id, d.state, d.batch, q.closedBy, q.closeReason, q.retriedAs FROM document d
                LEFT JOIN quarantine q ON q.document = d.id WHERE d.sourceFile = \(sha256) ORDER BY d.created
                """, logger: logger)
            for try await (id, state, batch, closedBy, closeReason, retriedAs)
                in rows.decode((String, String, String, String?, String?, String?).self) {
                documents.append(SourceDocument(id: id, state: DocumentState(rawValue: state), batch: batch, closedBy: closedBy,
                                                closeReason: closeReason, retriedAs: retriedAs))
            }
            return documents
        }
    }

    package func sourceFile(_ sha256: String) async throws -> SourceFacts? {
        try await read { [logger] connection in
            try await connection.query("SELECT path, size, format, akte FROM sourceFile WHERE sha256 = \(sha256)", logger: logger)
                .collect().first.map { row in
                    let (path, size, format, akte) = try row.decode((String, Int, String?, String?).self)
                    return SourceFacts(path: path, size: size, format: format,
                                       akte: akte.flatMap { try? JSONDecoder().decode(DeliveryAkte.self, from: Data($0.utf8)) })
                }
        }
    }

    package func documents(withAktenzeichen aktenzeichen: String, except document: String) async throws -> [(id: String, state: DocumentState?)] {
        let rows = try await read { [logger] connection in
            var rows: [[String]] = []
            for try await (id, state) in try await connection.query("""
                SELECT id, state FROM document WHERE aktenzeichen = \(aktenzeichen) AND id <> \(document) ORDER BY created
                """, logger: logger).decode((String, String).self) {
                rows.append([id, state])
            }
            return rows
        }
        return rows.map { (id: $0[0], state: DocumentState(rawValue: $0[1])) }
    }

    // MARK: Inside a transaction

    /// The settled states as an SQL list, for `state NOT IN (…)`.
    static let settledList = DocumentState.allCases.filter(\.isSettled).map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// The unique index that keeps one live (not quarantined, not split off) document per source file.
    static let liveSourceIndex = "document_live_source"

    /// The first column of the first row, nil when there is none.
    static func single<T: PostgresDecodable & Sendable>(_ type: T.Type, on connection: PostgresConnection, logger: Logger,
                                                        _ query: PostgresQuery) async throws -> T? {
        try await connection.query(query, logger: logger).collect().first.map { try $0.decode(T.self) }
    }

    /// Commits a transition guarded by its `from` state; `rowsBeforeEvents` writes rows that belong
    /// to the move before its events are appended.
    static func apply(_ transition: DocumentTransition, on connection: PostgresConnection, logger: Logger,
                      rowsBeforeEvents rows: @Sendable () async throws -> Void = {}) async throws {
        let changes = transition.changes
        var bindings = PostgresBindings()
        func bind(_ value: String) -> String { bindings.append(value); return "$\(bindings.count)" }
        var assignments = ["state = \(bind(transition.to.rawValue))", "updatedAt = \(bind(AuditTrail.timestamp(Date())))"]
        let columns: [(String, String?)] = [
            ("classification", changes.classification), ("planCode", changes.planCode), ("problem", changes.problem),
            ("problemCode", changes.problemCode), ("recordPath", changes.recordPath),
            ("suggestedCode", changes.suggestedCode), ("schutzbedarf", changes.schutzbedarf),
            ("aktenzeichen", changes.aktenzeichen),
        ]
        for (column, value) in columns {
            guard let value else { continue }
            assignments.append("\(column) = \(bind(value))")
        }
        if let confidence = changes.confidence {
            bindings.append(confidence)
            assignments.append("confidence = $\(bindings.count)")
        }
        let sql = "UPDATE document SET \(assignments.joined(separator: ", ")) WHERE id = \(bind(transition.document)) "
            + "AND state = \(bind(transition.from.rawValue)) RETURNING 1"
        if try await connection.count(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) == 0 {
            try await requireState(document: transition.document, transition.from, on: connection, logger: logger)
        }
        try await rows()
        try await append(transition.events, on: connection, logger: logger)
    }

    /// Throws `unknown-id` when there is no such document, `stale-state` when it is not in
    /// `expected`; with `lock`, keeps its row locked until commit (a guard that stays true).
    static func requireState(document: String, _ expected: DocumentState, on connection: PostgresConnection, logger: Logger,
                             lock: Bool = false) async throws {
        let sql = "SELECT state FROM document WHERE id = $1" + (lock ? " FOR UPDATE" : "")
        guard let raw = try await single(String.self, on: connection, logger: logger, PostgresQuery(unsafeSQL: sql, binds: binds(document))) else {
            throw ScanPipelineError(.unknownID, "document \(document) is not in the workspace")
        }
        guard raw == expected.rawValue else {
            throw ScanPipelineError(.staleState, "document \(document) is \(raw) now, no longer \(expected.rawValue)")
        }
    }

    static func insert(_ document: NewDocument, time: String?, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("""
            INSERT INTO document (id, batch, sourceFile, parent, state, pageCount, problemCode, problem, updatedAt)
            VALUES (\(document.id), \(document.batch), \(document.sourceFile), \(document.parent), \(document.state.rawValue),
                    \(document.pageCount), \(document.problemCode), \(document.problem), \(time ?? AuditTrail.timestamp(Date())))
            """, logger: logger)
    }

    static func registerSource(_ source: SourceRegistration, on connection: PostgresConnection, logger: Logger) async throws {
        let akte = try source.akte.map(CanonicalJSON.string)
        try await connection.run("""
            INSERT INTO sourceFile (sha256, batch, path, size, format, ingestedAt, akte)
            VALUES (\(source.sha256), \(source.batch), \(source.path), \(source.size), \(source.format), \(source.time), \(akte))
            ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, size = excluded.size, format = excluded.format,
                                               akte = excluded.akte
            """, logger: logger)
    }

    static func recordQuarantine(_ copy: QuarantineCopy, on connection: PostgresConnection, logger: Logger) async throws {
        // SQLite's INSERT OR REPLACE: the row is written anew, its closure cleared.
        try await connection.run("""
            INSERT INTO quarantine (document, path, storedAs, reasonFile, quarantinedAt)
            VALUES (\(copy.document), \(copy.path), \(copy.storedAs), \(copy.reasonFile), \(copy.time))
            ON CONFLICT (document) DO UPDATE SET path = excluded.path, storedAs = excluded.storedAs,
                reasonFile = excluded.reasonFile, quarantinedAt = excluded.quarantinedAt,
                closedAt = NULL, closedBy = NULL, closeReason = NULL, retriedAs = NULL
            """, logger: logger)
    }

    /// Closes the documents a registration retries, each with its `quarantine.retried` event.
    static func closeAsRetried(_ request: Workspace.RetryRequest, on connection: PostgresConnection, logger: Logger) async throws {
        for closure in request.closures {
            guard let row = try await connection.query("""
                SELECT state, sourceFile, problemCode FROM document WHERE id = \(closure.document) FOR UPDATE
                """, logger: logger).collect().first else { continue }
            let (state, sourceFile, problemCode) = try row.decode((String, String, String?).self)
            let candidate = RetryCandidate(id: closure.document, state: DocumentState(rawValue: state), sourceFile: sourceFile,
                                           problemCode: problemCode)
            guard let (transition, closing) = request.closing(closure, candidate: candidate,
                                                              at: AuditTrail.timestamp(Date())) else { continue }
            try await apply(transition, on: connection, logger: logger, rowsBeforeEvents: {
                try await connection.run("""
                    UPDATE quarantine SET closedAt = \(closing.closedAt), closedBy = \(closing.closedBy),
                        closeReason = \(closing.reason), retriedAs = \(closing.retriedAs) WHERE document = \(closure.document)
                    """, logger: logger)
            })
        }
    }
}
