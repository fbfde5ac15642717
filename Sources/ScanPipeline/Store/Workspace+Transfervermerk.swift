public import Foundation
internal import GRDB

/// Transfervermerke: one per closed batch in `transfervermerke/`, as `<batch>.json` (for
/// machines), `<batch>.txt` (for people) and, with a seal key, `<batch>.seal.json`.
extension Workspace {
    public var transfervermerkFolder: URL { root.appendingPathComponent("transfervermerke", isDirectory: true) }

    struct TransfervermerkWritten: AuditPayload {

        static let actions: [AuditAction] = [.transfervermerkWritten]
        var file: String
        var sha256: String
        var sealedBy: String?
    }

    /// Writes the Transfervermerk of every closed batch that has none yet (after a kill, the next
    /// run catches up), sealed when `key` is given; returns the batches written.
    ///
    /// A Transfervermerk is never overwritten: when `<batch>.json` exists although the trail
    /// records none for the batch (its event was cut), that batch is refused with a
    /// `broken-trail` error once the others are written. The file may be the only anchor left.
    @discardableResult
    public func writeMissingTransfervermerke(sealKey key: SealKey?, actor: AuditActor) async throws -> [String] {
        let closed = try await database.read { db in
            try String.fetchAll(db, sql: """
                SELECT id FROM batch WHERE closedAt IS NOT NULL AND id NOT IN
                  (SELECT batch FROM auditEvent WHERE action = 'transfervermerk.written' AND batch IS NOT NULL)
                ORDER BY openedAt
                """)
        }
        var refused: [String] = []
        var written: [String] = []
        for batch in closed {
            let existing = transfervermerkFolder.appendingPathComponent("\(batch).json")
            if let data = FileManager.default.contents(atPath: existing.path) {
                // Written before a kill stopped its event: the note still pins the trail as it is,
                // so its event is recorded for the file as it stands. Otherwise it is refused.
                guard try await pinsTheTrail(data) else { refused.append(batch); continue }
                let sealed = (FileManager.default.contents(atPath: transfervermerkFolder.appendingPathComponent("\(batch).seal.json").path))
                    .flatMap { try? JSONDecoder().decode(BatchSeal.self, from: $0) }
                let payload = TransfervermerkWritten(file: "transfervermerke/\(batch).json", sha256: data.sha256Hex,
                                                     sealedBy: sealed?.publicKey)
                try await database.write { db in
                    _ = try AuditTrail.append(db, actor: actor, action: .transfervermerkWritten, subjects: AuditSubjects(batch: batch),
                                              payload: payload)
                }
                written.append(batch)
                continue
            }
            let note = try await transfervermerk(batch: batch)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = try encoder.encode(note)
            let seal = try key.map { try BatchSeal(sealing: json, file: "\(batch).json", with: $0) }
            do {
                try FileManager.default.createDirectory(at: transfervermerkFolder, withIntermediateDirectories: true)
                try AtomicWrite.write(json, to: transfervermerkFolder.appendingPathComponent("\(batch).json"))
                try AtomicWrite.write(Data(note.text.utf8), to: transfervermerkFolder.appendingPathComponent("\(batch).txt"))
                if let seal {
                    try AtomicWrite.write(try encoder.encode(seal), to: transfervermerkFolder.appendingPathComponent("\(batch).seal.json"))
                }
            } catch let error as ScanPipelineError {
                throw error
            } catch {
                throw ScanPipelineError(.workspace, path: transfervermerkFolder.path, "cannot write the Transfervermerk: \(error)")
            }
            let payload = TransfervermerkWritten(file: "transfervermerke/\(batch).json", sha256: json.sha256Hex, sealedBy: seal?.publicKey)
            try await database.write { db in
                _ = try AuditTrail.append(db, actor: actor, action: .transfervermerkWritten, subjects: AuditSubjects(batch: batch),
                                          payload: payload)
            }
            written.append(batch)
        }
        if !refused.isEmpty {
            throw ScanPipelineError(.brokenTrail, path: transfervermerkFolder.path, "the Transfervermerk of batch "
                                    + refused.joined(separator: ", ") + " exists, but the audit trail records none: it is never "
                                    + "overwritten (scanctl audit verify)")
        }
        return written
    }

    /// Whether a Transfervermerk's audit head is an event the trail has, with that hash.
    func pinsTheTrail(_ note: Data) async throws -> Bool {
        guard let head = (try? JSONDecoder().decode(Transfervermerk.self, from: note))?.auditHead else { return false }
        return try await database.read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM auditEvent WHERE sequence = ?", arguments: [head.sequence])
        } == head.hash
    }

    /// Batches whose Transfervermerk was sealed, from the audit trail (a deleted seal file does not
    /// make a batch disappear from the check), and those with a seal file the trail does not
    /// record (its event was cut: the seal is then what tells).
    public func sealedBatches() async throws -> [String] {
        let recorded = try await database.read { db in
            try String.fetchAll(db, sql: """
                SELECT batch FROM auditEvent WHERE action = 'transfervermerk.written' AND batch IS NOT NULL
                  AND json_extract(payload, '$.sealedBy') IS NOT NULL GROUP BY batch ORDER BY MIN(sequence)
                """)
        }
        let sealFiles = ((try? FileManager.default.contentsOfDirectory(atPath: transfervermerkFolder.path)) ?? [])
            .filter { $0.hasSuffix(".seal.json") }.map { String($0.dropLast(".seal.json".count)) }
            .filter { UUID(uuidString: $0) != nil }.sorted()
        return recorded + sealFiles.filter { !recorded.contains($0) }
    }

    /// Checks a batch's sealed Transfervermerk: the seal, the key (when `trusted` is given), and that
    /// the audit event it names still has the hash it recorded. Returns the problems (none: intact).
    public func verifySeal(batch: String, trusted: String? = nil) async throws -> [String] {
        guard UUID(uuidString: batch) != nil else { throw ScanPipelineError(.seal, "\(batch) is not a batch id") }
        let json = transfervermerkFolder.appendingPathComponent("\(batch).json")
        let sealFile = transfervermerkFolder.appendingPathComponent("\(batch).seal.json")
        guard let data = FileManager.default.contents(atPath: json.path) else {
            throw ScanPipelineError(.seal, path: json.path, "there is no Transfervermerk for batch \(batch)")
        }
        guard let sealData = FileManager.default.contents(atPath: sealFile.path) else {
            throw ScanPipelineError(.seal, path: sealFile.path, "the Transfervermerk of batch \(batch) is not sealed")
        }
        guard let seal = try? JSONDecoder().decode(BatchSeal.self, from: sealData) else {
            throw ScanPipelineError(.seal, path: sealFile.path, "is not a seal")
        }
        var problems: [String] = []
        // The trail says what was written and with which key: a note re-signed with another key,
        // or replaced wholesale, no longer matches it.
        struct Written: Decodable { var sha256: String; var sealedBy: String? }
        let recorded = try await database.read { db in
            try String.fetchOne(db, sql: """
                SELECT payload FROM auditEvent WHERE action = 'transfervermerk.written' AND batch = ? ORDER BY sequence DESC LIMIT 1
                """, arguments: [batch])
        }.flatMap { try? JSONDecoder().decode(Written.self, from: Data($0.utf8)) }
        if let recorded {
            if recorded.sha256 != data.sha256Hex { problems.append("\(json.lastPathComponent) differs from the one the audit trail recorded") }
            if let key = recorded.sealedBy, key != seal.publicKey { problems.append("the seal's key is not the one the audit trail recorded") }
        } else {
            problems.append("the audit trail records no Transfervermerk for batch \(batch): its transfervermerk.written event is gone")
        }
        if let problem = seal.problem(with: data, trusted: trusted ?? recorded?.sealedBy) { problems.append(problem) }
        if let note = try? JSONDecoder().decode(Transfervermerk.self, from: data) {
            let (recorded, last) = try await database.read { db in
                (try String.fetchOne(db, sql: "SELECT hash FROM auditEvent WHERE sequence = ?", arguments: [note.auditHead.sequence]),
                 try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM auditEvent") ?? 0)
            }
            if recorded == nil && note.auditHead.sequence > last {
                problems.append("the audit trail was cut: the seal pins event \(note.auditHead.sequence), but the trail ends at event "
                                + "\(last) (events \(last + 1)…\(note.auditHead.sequence) are gone)")
            } else if recorded == nil {
                problems.append("the audit trail no longer has event \(note.auditHead.sequence), which the seal pins: the trail was cut")
            } else if recorded != note.auditHead.hash {
                problems.append("the audit trail no longer has event \(note.auditHead.sequence) with the sealed hash: it was rewritten")
            }
            let verification = try await verifyAuditTrail()
            if let broken = verification.firstBroken { problems.append("audit trail broken at event \(broken.sequence): \(broken.reason)") }
        } else {
            problems.append("\(json.lastPathComponent) is not a Transfervermerk")
        }
        return problems
    }

    /// The states of documents put aside: open, released or retried since.
    static let quarantineSQLList = DocumentState.allCases.filter(\.isQuarantine).map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// Builds the note from the workspace's records of the batch.
    func transfervermerk(batch: String) async throws -> Transfervermerk {
        try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM batch WHERE id = ?", arguments: [batch]) else {
                throw ScanPipelineError(.seal, "batch \(batch) is not in the workspace")
            }
            let states = try String.fetchAll(db, sql: "SELECT state FROM document WHERE batch = ?", arguments: [batch])
            let pages = try Row.fetchAll(db, sql: """
                SELECT p.document, p.number, p.imageSHA256, p.blank, p.meanConfidence, p.separator, p.quality FROM page p
                JOIN document d ON d.id = p.document WHERE d.batch = ? ORDER BY d.rowid, p.number
                """, arguments: [batch]).map {
                Transfervermerk.PageImage(document: $0["document"], page: $0["number"], sha256: $0["imageSHA256"],
                                          blank: $0["blank"], meanConfidence: $0["meanConfidence"], separator: $0["separator"],
                                          rescan: ($0["quality"] as String?).flatMap {
                                              try? JSONDecoder().decode([String].self, from: Data($0.utf8))
                                          })
            }
            // Sheets reconciled: every page the scanner delivered is a page of a document or of a
            // quarantined file (released or retried since, or not), none lost in between.
            let scanned = try String.fetchAll(db, sql: "SELECT payload FROM auditEvent WHERE action = 'file.ingested' AND batch = ?",
                                              arguments: [batch])
                .compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
                .reduce(0) { $0 + ($1["pages"] as? Int ?? 0) }
            let quarantinedPages = try Int.fetchOne(db, sql: """
                SELECT COALESCE(SUM(pageCount), 0) FROM document WHERE batch = ? AND state IN (\(Self.quarantineSQLList)) AND parent IS NULL
                """, arguments: [batch]) ?? 0
            let recognisedOutsideQuarantine = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM page p JOIN document d ON d.id = p.document
                WHERE d.batch = ? AND NOT (d.state IN (\(Self.quarantineSQLList)) AND d.parent IS NULL)
                """, arguments: [batch]) ?? 0
            // A file quarantined by an earlier batch and retried in this one belongs to both.
            let sources = try Row.fetchAll(db, sql: """
                SELECT path, sha256, size FROM sourceFile
                WHERE batch = ? OR sha256 IN (SELECT sourceFile FROM document WHERE batch = ?) ORDER BY rowid
                """, arguments: [batch, batch]).map {
                Transfervermerk.SourceFile(path: $0["path"], sha256: $0["sha256"], size: $0["size"])
            }
            let opened = try String.fetchOne(db, sql: "SELECT payload FROM auditEvent WHERE action = 'batch.opened' AND batch = ?",
                                             arguments: [batch])
            let quarantined = try Row.fetchAll(db, sql: """
                SELECT action, file, document, payload FROM auditEvent
                WHERE batch = ? AND action IN ('file.quarantined', 'document.quarantined') ORDER BY sequence
                """, arguments: [batch])
            let skipped = try String.fetchAll(db, sql: "SELECT payload FROM auditEvent WHERE action = 'file.skipped' AND batch = ? ORDER BY sequence",
                                              arguments: [batch]).compactMap { try? JSONDecoder().decode(SkippedInput.self, from: Data($0.utf8)) }
            let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM auditEvent ORDER BY sequence DESC LIMIT 1")
            let version = try String.fetchOne(db, sql: """
                SELECT actorVersion FROM auditEvent WHERE batch = ? AND actorKind = 'component' AND actorName = 'scanctl'
                ORDER BY sequence LIMIT 1
                """, arguments: [batch])

            var anomalies = quarantined.map { event -> Transfervermerk.Anomaly in
                let payload = (try? JSONSerialization.jsonObject(with: Data((event["payload"] as String? ?? "").utf8))) as? [String: Any]
                let subject = payload?["path"] as? String ?? event["document"] as String? ?? event["file"] as String? ?? "?"
                let detail = payload?["reason"] as? String ?? payload?["problem"] as? String ?? "quarantined"
                return .init(kind: "quarantined", subject: subject, detail: detail)
            }
            for page in pages where !page.blank {
                if let confidence = page.meanConfidence, confidence < Transfervermerk.lowConfidence {
                    anomalies.append(.init(kind: "low OCR confidence", subject: "\(page.document) page \(page.page)",
                                           detail: String(format: "mean confidence %.0f", confidence)))
                }
            }
            for page in pages {
                if let rescan = page.rescan, !rescan.isEmpty {
                    anomalies.append(.init(kind: "flagged for rescan", subject: "\(page.document) page \(page.page)",
                                           detail: rescan.joined(separator: "; ")))
                }
            }
            let openedPayload = opened.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any]
            var software = ["scanctl": version ?? "", "engine": openedPayload?["engine"] as? String ?? ""]
            software["languages"] = openedPayload?["languages"] as? String
            software = software.filter { !$0.value.isEmpty }
            let count = { (state: DocumentState) in states.filter { $0 == state.rawValue }.count }
            let counts = Transfervermerk.Counts(
                documents: states.count, filed: count(.filed) + count(.exported), needsReview: count(.needsReview),
                quarantined: count(.quarantined) + count(.released) + count(.retried), pages: pages.count, blankPagesLeftOut: pages.filter(\.blank).count,
                separatorSheets: pages.filter { $0.separator == true }.count,
                flaggedForRescan: pages.filter { !($0.rescan ?? []).isEmpty }.count)
            let checks = [
                Transfervermerk.QualityCheck.Check(check: "every input was processed (none quarantined, none skipped)",
                                                   passed: anomalies.allSatisfy { $0.kind != "quarantined" } && skipped.isEmpty),
                .init(check: String(format: "every page with text was recognised with mean confidence ≥ %.0f", Transfervermerk.lowConfidence),
                      passed: anomalies.allSatisfy { $0.kind != "low OCR confidence" }),
                .init(check: "no page was flagged for rescan (resolution, OCR confidence, almost empty, skew)",
                      passed: anomalies.allSatisfy { $0.kind != "flagged for rescan" }),
                .init(check: "sheets reconciled: \(scanned) page(s) scanned = \(recognisedOutsideQuarantine) in documents "
                      + "(records, blank, separator sheets) + \(quarantinedPages) in quarantined files",
                      passed: scanned == recognisedOutsideQuarantine + quarantinedPages),
                .init(check: "every document reached a record or the review queue",
                      passed: states.allSatisfy { DocumentState(rawValue: $0)?.isSettled == true }),
            ]
            return Transfervermerk(
                batch: batch, operatorName: row["operator"], profile: row["profile"], schutzbedarf: row["schutzbedarf"],
                openedAt: row["openedAt"], closedAt: row["closedAt"], software: software, planVersion: row["planVersion"],
                counts: counts,
                qualityCheck: .init(result: checks.allSatisfy(\.passed) ? "passed" : "anomalies", checks: checks),
                anomalies: anomalies + skipped.map { .init(kind: "not processed", subject: $0.path, detail: "\($0.reason) [\($0.code.rawValue)]") },
                sourceFiles: sources, skippedInputs: skipped.isEmpty ? nil : skipped, pageImages: pages,
                auditHead: .init(sequence: head?["sequence"] ?? 0, hash: head?["hash"] ?? AuditEvent.genesisHash))
        }
    }
}
