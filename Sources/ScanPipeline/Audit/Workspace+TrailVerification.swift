import Foundation
internal import GRDB

/// `scanctl audit verify`: a bare hash chain proves only that its events fit together, so its end
/// is checked against anchors outside the database (the head file, every Transfervermerk), the
/// tables against the trail, and the triggers that make it append-only. Commands that write
/// (run, export) refuse a workspace whose trail does not verify, unless told to accept it.
extension Workspace {
    /// The append-only triggers and what their SQL must say.
    static let appendOnlyTriggers = ["auditEvent_no_update": "BEFORE UPDATE ON auditEvent",
                                     "auditEvent_no_delete": "BEFORE DELETE ON auditEvent"]

    private struct ClosedHead: Decodable {
        struct Head: Decodable { var sequence: Int64; var hash: String }
        var auditHead: Head?
    }

    private struct NoteWritten: Decodable { var file: String; var sha256: String }

    /// Checks the chain, every anchor, the tables against the trail and the triggers; with
    /// `records`, also every record file. Every problem found is named.
    public func verifyTrail(records: Bool = false) async throws -> TrailVerification {
        let notesFolder = transfervermerkFolder
        let headFile = auditHeadFile
        var verification = try await database.read { db -> TrailVerification in
            let chain = try AuditTrail.verify(db)
            let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM auditEvent ORDER BY sequence DESC LIMIT 1")
            var result = TrailVerification(
                events: chain.events, lastSequence: last?["sequence"] ?? 0, lastHash: last?["hash"] ?? AuditEvent.genesisHash,
                firstBroken: chain.firstBroken, anchorsChecked: 0, recordFilesChecked: nil, problems: [])
            if let broken = chain.firstBroken {
                result.problems.append(.init(.chain, "the chain breaks at event \(broken.sequence): \(broken.reason)"))
            }
            result.problems += try Self.headFileProblems(db, file: headFile, last: result.lastSequence)
            result.anchorsChecked += 1
            let notes = try Self.transfervermerkProblems(db, folder: notesFolder, last: result.lastSequence)
            result.problems += notes.problems
            result.anchorsChecked += notes.checked
            let closed = try Self.batchClosedProblems(db)
            result.problems += closed.problems
            result.anchorsChecked += closed.checked
            result.problems += try Self.tableProblems(db)
            result.problems += try Self.triggerProblems(db)
            return result
        }
        if records {
            let (findings, checked) = try await allRecordFindings()
            verification.recordFilesChecked = checked
            verification.problems += findings.map { finding in
                let kind: TrailVerification.Problem.Kind = switch finding.problem {
                case .missing: .recordMissing
                case .changed, .unrecorded: .recordChanged
                case .unexpected: .recordUnexpected
                }
                return .init(kind, finding.message)
            }
        }
        return verification
    }

    /// Refuses to go on when the trail does not verify (a `broken-trail` error naming the
    /// problems), unless `accepting` names who accepts it: then the acceptance is audited
    /// (`audit.broken-trail-accepted`, with every problem) and the work goes on. Called by every
    /// command that writes to the workspace: run, export, the server.
    @discardableResult
    public func requireIntactTrail(accepting actor: AuditActor? = nil) async throws -> TrailVerification {
        let verification = try await verifyTrail()
        guard !verification.isIntact else { return verification }
        guard let actor else {
            throw ScanPipelineError(.brokenTrail, path: root.path, "the audit trail does not verify, so nothing is written to this "
                                    + "workspace: \(verification.summary()) (scanctl audit verify names every problem; "
                                    + "--accept-broken-trail goes on and records that you did)")
        }
        struct Accepted: AuditPayload {
            static let actions: [AuditAction] = [.brokenTrailAccepted]
            var problems: [TrailVerification.Problem]
            var acceptedBy: String
            var lastSequence: Int64
        }
        let payload = Accepted(problems: verification.problems, acceptedBy: actor.name, lastSequence: verification.lastSequence)
        try await database.write { db in
            _ = try AuditTrail.append(db, actor: actor, action: .brokenTrailAccepted, payload: payload)
        }
        return verification
    }

    /// The head file must name an event the trail has, with the hash it has; it may lag behind the
    /// trail's end (a crash between commit and rewrite), never run ahead of it.
    private static func headFileProblems(_ db: Database, file: URL, last: Int64) throws -> [TrailVerification.Problem] {
        let head: AuditHeadFile?
        do { head = try AuditHeadFile.read(from: file) } catch let error as ScanPipelineError {
            return [.init(.headFile, "\(file.lastPathComponent) \(error.reason)")]
        }
        guard let head else {
            return [.init(.headFile, "\(file.lastPathComponent) is missing: the trail's end cannot be checked against it")]
        }
        if let problem = try anchorProblem(db, sequence: head.sequence, hash: head.hash, last: last, anchor: file.lastPathComponent) {
            return [.init(.headFile, problem)]
        }
        return []
    }

    /// Why an anchor that recorded event `sequence` with `hash` no longer fits the trail, or nil.
    private static func anchorProblem(_ db: Database, sequence: Int64, hash: String, last: Int64, anchor: String) throws -> String? {
        if sequence == 0 { return hash == AuditEvent.genesisHash ? nil : "\(anchor) names event 0 with a hash other than the genesis hash" }
        guard let recorded = try String.fetchOne(db, sql: "SELECT hash FROM auditEvent WHERE sequence = ?", arguments: [sequence]) else {
            return sequence > last
                ? "\(anchor) records event \(sequence), but the trail ends at event \(last): the trail was cut (events \(last + 1)…\(sequence) are gone)"
                : "\(anchor) records event \(sequence), which the trail no longer has: the trail was cut"
        }
        return recorded == hash ? nil
            : "\(anchor) records event \(sequence) with hash \(hash.prefix(12))…, the trail has \(recorded.prefix(12))…: "
              + "the trail was rewritten at or before event \(sequence)"
    }

    /// Every Transfervermerk in the folder against the trail, and every one the trail recorded against the folder.
    private static func transfervermerkProblems(_ db: Database, folder: URL, last: Int64) throws -> (problems: [TrailVerification.Problem], checked: Int) {
        var problems: [TrailVerification.Problem] = []
        var recorded: [String: NoteWritten] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT batch, payload FROM auditEvent WHERE action = 'transfervermerk.written' AND batch IS NOT NULL ORDER BY sequence
            """) {
            if let written = try? JSONDecoder().decode(NoteWritten.self, from: Data((row["payload"] as String).utf8)) {
                recorded[row["batch"]] = written
            }
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".seal.json") && !$0.hasPrefix(".") }.sorted()
        for name in names {
            let batch = String(name.dropLast(".json".count))
            let file = "transfervermerke/\(name)"
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  let note = try? JSONDecoder().decode(Transfervermerk.self, from: data) else {
                problems.append(.init(.transfervermerk, "\(file) is not a Transfervermerk"))
                continue
            }
            let anchorProblem = try anchorProblem(db, sequence: note.auditHead.sequence, hash: note.auditHead.hash, last: last, anchor: file)
            if let anchorProblem { problems.append(.init(.transfervermerk, anchorProblem)) }
            if let written = recorded[batch] {
                if written.sha256 != data.sha256Hex {
                    problems.append(.init(.transfervermerk, "\(file) differs from the one the trail recorded as written"))
                }
            } else if anchorProblem == nil {
                // Written before a kill stopped its event, pinning the trail as it is: the next run
                // records the event for it (writeMissingTransfervermerke), so it is not a finding.
            } else {
                problems.append(.init(.transfervermerk, "\(file) exists, but the trail records no transfervermerk.written for batch "
                                      + "\(batch): its event was removed"))
            }
        }
        for (batch, written) in recorded.sorted(by: { $0.key < $1.key }) where !names.contains("\(batch).json") {
            problems.append(.init(.deletedTransfervermerk, "\(written.file) was deleted: the trail recorded it as written "
                                  + "(SHA-256 \(written.sha256.prefix(12))…)"))
        }
        return (problems, names.count)
    }

    /// A `batch.closed` event records the head before it: the event right before it, with that hash.
    private static func batchClosedProblems(_ db: Database) throws -> (problems: [TrailVerification.Problem], checked: Int) {
        var problems: [TrailVerification.Problem] = []
        var checked = 0
        for row in try Row.fetchAll(db, sql: """
            SELECT e.sequence, e.batch, e.payload, p.hash AS previous FROM auditEvent e
            LEFT JOIN auditEvent p ON p.sequence = e.sequence - 1 WHERE e.action = 'batch.closed' ORDER BY e.sequence
            """) {
            let payload: String = row["payload"]
            // Batches closed before the head was recorded have none to check.
            guard let head = (try? JSONDecoder().decode(ClosedHead.self, from: Data(payload.utf8)))?.auditHead else { continue }
            checked += 1
            let sequence: Int64 = row["sequence"]
            if head.sequence != sequence - 1 || head.hash != (row["previous"] as String?) {
                problems.append(.init(.batchClosed, "batch.closed (event \(sequence), batch \(row["batch"] as String? ?? "?")) recorded "
                                      + "event \(head.sequence) as the head before it, which the trail does not have as recorded"))
            }
        }
        return (problems, checked)
    }

    /// Rows without the events that made them, and events naming rows that do not exist. `NOT IN`
    /// over a subquery lets SQLite build a temporary index once (`auditEvent.file` has none).
    private static func tableProblems(_ db: Database) throws -> [TrailVerification.Problem] {
        let checks: [(sql: String, message: (String) -> String)] = [
            ("""
             SELECT id FROM batch b WHERE NOT EXISTS (SELECT 1 FROM auditEvent e WHERE e.batch = b.id AND e.action = 'batch.opened')
             """, { "batch \($0) has no batch.opened event" }),
            ("""
             SELECT id FROM batch b WHERE closedAt IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM auditEvent e WHERE e.batch = b.id AND e.action = 'batch.closed')
             """, { "batch \($0) is closed, but the trail records no batch.closed for it" }),
            ("""
             SELECT id FROM batch b WHERE closedAt IS NULL
               AND EXISTS (SELECT 1 FROM auditEvent e WHERE e.batch = b.id AND e.action = 'batch.closed')
             """, { "batch \($0) is open, but the trail closed it" }),
            ("""
             SELECT id FROM document WHERE id NOT IN (SELECT document FROM auditEvent WHERE document IS NOT NULL)
             """, { "document \($0) has no event in the trail" }),
            ("""
             SELECT id FROM document d WHERE recordPath IS NOT NULL AND NOT EXISTS
               (SELECT 1 FROM auditEvent e WHERE e.document = d.id AND e.action = 'record.written')
             """, { "document \($0) has a record, but the trail records no record.written for it" }),
            ("""
             SELECT sha256 FROM sourceFile WHERE sha256 NOT IN (SELECT file FROM auditEvent WHERE file IS NOT NULL)
             """, { "source file \($0) has no event in the trail" }),
            ("""
             SELECT DISTINCT document FROM auditEvent WHERE document IS NOT NULL AND document NOT IN (SELECT id FROM document)
             """, { "the trail names document \($0), which the workspace does not have" }),
            ("""
             SELECT DISTINCT batch FROM auditEvent WHERE batch IS NOT NULL AND batch NOT IN (SELECT id FROM batch)
             """, { "the trail names batch \($0), which the workspace does not have" }),
        ]
        return try checks.flatMap { check in
            try String.fetchAll(db, sql: check.sql).map { TrailVerification.Problem(.table, check.message($0)) }
        }
    }

    /// Both append-only triggers exist on the audit table and still abort.
    private static func triggerProblems(_ db: Database) throws -> [TrailVerification.Problem] {
        let present = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'auditEvent'")
            .reduce(into: [String: String]()) { $0[$1["name"]] = $1["sql"] }
        return appendOnlyTriggers.sorted { $0.key < $1.key }.compactMap { name, clause in
            guard let sql = present[name] else {
                return .init(.trigger, "the append-only trigger \(name) is missing: the trail can be changed without a trace")
            }
            let compact = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard compact.contains(clause), compact.contains("RAISE(ABORT") else {
                return .init(.trigger, "the append-only trigger \(name) was altered: it no longer rejects the change")
            }
            return nil
        }
    }
}
