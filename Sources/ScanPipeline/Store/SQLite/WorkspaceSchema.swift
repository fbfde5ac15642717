import Foundation
import GRDB

/// The workspace database's schema, as migrations: applied in order, each once, never edited after
/// it has shipped (add a new one instead).
enum WorkspaceSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: audit trail") { db in
            try db.create(table: "auditEvent") { table in
                table.primaryKey("sequence", .integer)
                table.column("time", .text).notNull()
                table.column("actorKind", .text).notNull()
                table.column("actorName", .text).notNull()
                table.column("actorVersion", .text)
                table.column("action", .text).notNull()
                table.column("batch", .text).indexed()
                table.column("file", .text)
                table.column("document", .text).indexed()
                table.column("payload", .text).notNull()
                table.column("previousHash", .text).notNull()
                table.column("hash", .text).notNull().unique()
            }
            // Append-only: the database itself refuses to change or remove an event.
            try db.execute(sql: """
                CREATE TRIGGER auditEvent_no_update BEFORE UPDATE ON auditEvent
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be changed'); END;
                CREATE TRIGGER auditEvent_no_delete BEFORE DELETE ON auditEvent
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be deleted'); END;
                """)
        }
        migrator.registerMigration("v2: batches, source files, documents, pages") { db in
            try db.create(table: "batch") { table in
                table.primaryKey("id", .text)
                table.column("openedAt", .text).notNull()
                table.column("closedAt", .text)
                table.column("operator", .text).notNull()
                table.column("profile", .text).notNull()
                table.column("schutzbedarf", .text).notNull()
                table.column("planVersion", .text).notNull()
            }
            try db.create(table: "sourceFile") { table in
                table.primaryKey("sha256", .text)
                table.column("batch", .text).notNull().references("batch")
                table.column("path", .text).notNull()
                table.column("size", .integer).notNull()
                table.column("format", .text)
                table.column("ingestedAt", .text).notNull()
            }
            try db.create(table: "document") { table in
                table.primaryKey("id", .text)
                table.column("batch", .text).notNull().indexed().references("batch")
                table.column("sourceFile", .text).notNull().unique().references("sourceFile")
                table.column("state", .text).notNull().indexed()
                table.column("pageCount", .integer).notNull()
                table.column("classification", .text)
                table.column("planCode", .text)
                table.column("recordPath", .text)
                table.column("problemCode", .text)
                table.column("problem", .text)
                table.column("updatedAt", .text).notNull()
            }
            try db.create(table: "page") { table in
                table.column("document", .text).notNull().references("document")
                table.column("number", .integer).notNull()
                table.column("imageSHA256", .text).notNull()
                table.column("blank", .boolean).notNull()
                table.column("rotation", .integer).notNull()
                table.column("skew", .double).notNull()
                table.column("meanConfidence", .double)
                table.column("wordCount", .integer).notNull()
                table.column("text", .text).notNull()
                table.primaryKey(["document", "number"])
            }
        }
        migrator.registerMigration("v3: reviews") { db in
            // A record whose placement a review changed, waiting to be rewritten: the new
            // metadata.json as JSON. Set in the review's transaction, cleared when the files are
            // rewritten, so a crash in between is completed by the next command.
            try db.alter(table: "document") { table in table.add(column: "pendingRecord", .text) }
            // Reclassifications that need a second reviewer (four eyes), and what became of them.
            try db.create(table: "reclassification") { table in
                table.primaryKey("id", .text)
                table.column("document", .text).notNull().indexed().references("document")
                table.column("fromCode", .text)
                table.column("toCode", .text).notNull()
                table.column("decision", .text).notNull()
                table.column("reason", .text).notNull()
                table.column("requestedBy", .text).notNull()
                table.column("requestedAt", .text).notNull()
                table.column("rule", .text).notNull()
                table.column("planVersion", .text).notNull()
                table.column("status", .text).notNull()
                table.column("decidedBy", .text)
                table.column("decidedAt", .text)
                table.column("decisionReason", .text)
            }
        }
        migrator.registerMigration("v4: separation") { db in
            try db.alter(table: "page") { table in
                // A separator sheet (Patch T, Patch 2): kept for the audit, never part of a record.
                table.add(column: "separator", .boolean).notNull().defaults(to: false)
                // The page's barcodes and QR codes, as JSON.
                table.add(column: "barcodes", .text)
            }
            // One source file can hold several documents now (split at separator sheets): the table
            // is rebuilt without the unique source file, with the document each was split from,
            // whose work folder holds the page files. Foreign keys are checked after the migration.
            try db.create(table: "documentV4") { table in
                table.primaryKey("id", .text)
                table.column("batch", .text).notNull().indexed().references("batch")
                table.column("sourceFile", .text).notNull().indexed().references("sourceFile")
                table.column("parent", .text).indexed()
                table.column("state", .text).notNull().indexed()
                table.column("pageCount", .integer).notNull()
                table.column("classification", .text)
                table.column("planCode", .text)
                table.column("recordPath", .text)
                table.column("problemCode", .text)
                table.column("problem", .text)
                table.column("updatedAt", .text).notNull()
                table.column("pendingRecord", .text)
            }
            try db.execute(sql: """
                INSERT INTO documentV4 (id, batch, sourceFile, state, pageCount, classification, planCode, recordPath,
                                        problemCode, problem, updatedAt, pendingRecord)
                SELECT id, batch, sourceFile, state, pageCount, classification, planCode, recordPath, problemCode, problem,
                       updatedAt, pendingRecord FROM document ORDER BY rowid
                """)
            try db.drop(table: "document")
            try db.rename(table: "documentV4", to: "document")
        }
        migrator.registerMigration("v5: page quality") { db in
            // Why a page is flagged for rescan (JSON list of plain-text issues); null when it passed.
            try db.alter(table: "page") { table in table.add(column: "quality", .text) }
        }
        migrator.registerMigration("v6: quarantine") { db in
            // One row per quarantined document: where its file was and where the copy and reason are
            // kept (the document's problemCode/problem say why), and how it was closed: released
            // by a person with a reason, or retried as another document (retriedAs).
            try db.create(table: "quarantine") { table in
                table.primaryKey("document", .text).references("document")
                table.column("path", .text).notNull()
                table.column("storedAs", .text)
                table.column("reasonFile", .text).notNull()
                table.column("quarantinedAt", .text).notNull()
                table.column("closedAt", .text)
                table.column("closedBy", .text)
                table.column("closeReason", .text)
                table.column("retriedAs", .text).indexed().references("document")
            }
            // Documents quarantined before this table existed: the copy's name is in their
            // quarantine event; the reason file is named after the file as QuarantineStore names it.
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.id, d.sourceFile, d.updatedAt, s.path,
                       (SELECT payload FROM auditEvent e WHERE e.document = d.id
                          AND e.action IN (?, ?) ORDER BY e.sequence DESC LIMIT 1) AS payload
                FROM document d JOIN sourceFile s ON s.sha256 = d.sourceFile WHERE d.state = ?
                """, arguments: [AuditAction.fileQuarantined.rawValue, AuditAction.documentQuarantined.rawValue,
                                 DocumentState.quarantined.rawValue])
            for row in rows {
                let path: String = row["path"]
                let stored = (row["payload"] as String?)
                    .flatMap { try? JSONDecoder().decode(RunAuditPayload.Quarantined.self, from: Data($0.utf8)) }?.storedAs
                let base = QuarantineStore.copyName(path: path, sha256: row["sourceFile"])
                try db.execute(sql: """
                    INSERT INTO quarantine (document, path, storedAs, reasonFile, quarantinedAt) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [row["id"], path, stored, base + ".reason.json", row["updatedAt"]])
            }
        }
        migrator.registerMigration("v7: pages with ink but no text") { db in
            // A page with ink on which recognition found no text (handwriting, a drawing, a stamp):
            // kept in the record, and its document goes to review.
            try db.alter(table: "page") { table in table.add(column: "noText", .boolean).notNull().defaults(to: false) }
        }
        migrator.registerMigration(headFileMigration) { _ in
            // No schema change: it marks the workspace as one whose trail's end is anchored in
            // audit-head.json (written right after this migration, then after every commit).
        }
        migrator.registerMigration("v9: users") { db in
            // scanctl users: who acts, with which role. Rows are never deleted (a disabled user
            // stays, since the audit trail names them); the password only as a bcrypt hash.
            try db.create(table: "user") { table in
                table.primaryKey("name", .text)
                table.column("displayName", .text).notNull()
                table.column("role", .text).notNull()
                table.column("passwordHash", .text).notNull()
                table.column("disabled", .boolean).notNull().defaults(to: false)
                table.column("osAccount", .text).unique()
                table.column("createdAt", .text).notNull()
            }
            // A user's saved filters of the review queue.
            try db.create(table: "savedView") { table in
                table.column("user", .text).notNull().references("user")
                table.column("name", .text).notNull()
                table.column("query", .text).notNull()
                table.primaryKey(["user", "name"])
            }
        }
        migrator.registerMigration("v10: review queue columns") { db in
            // What the review queue filters and sorts by, so that it is read from the database alone
            // (the browser's queue over thousands of documents): the best placement's probability
            // and code, and the record's Schutzbedarf.
            try db.alter(table: "document") { table in
                table.add(column: "confidence", .double)
                table.add(column: "suggestedCode", .text)
                table.add(column: "schutzbedarf", .text)
            }
            try db.create(index: "document_queue", on: "document", columns: ["state", "confidence"])
            try backfillQueueColumns(db)
        }
        migrator.registerMigration("v11: rescans") { db in
            // A rescan stages the record's new PDF beside it before its transaction; this holds the
            // staged PDF's SHA-256 until the rewrite has put it in place (with pendingRecord).
            try db.alter(table: "document") { table in table.add(column: "pendingPDF", .text) }
        }
        migrator.registerMigration("v12: akten") { db in
            // An Akte of a contractor's delivery is one source: its folder, with the description
            // (Aktenzeichen, title, Laufzeit) and its files' names, hashes and pages as JSON.
            try db.alter(table: "sourceFile") { table in table.add(column: "akte", .text) }
            // The document's Aktenzeichen, for the review queue; earlier documents get the first
            // one their classification read.
            try db.alter(table: "document") { table in table.add(column: "aktenzeichen", .text) }
            try db.execute(sql: """
                UPDATE document SET aktenzeichen = json_extract(classification, '$.references[0]')
                WHERE classification IS NOT NULL
                """)
        }
        migrator.registerMigration("v13: sample checks") { db in
            // Stichprobe (TR-RESISCAN): the rounds drawn per batch with their seed and rule, the pages
            // each drew, every visual check (a later one of a page supersedes the earlier), and the
            // release of the paper for destruction (once per batch).
            try db.create(table: "qaRound") { table in
                table.primaryKey("id", .text)
                table.column("batch", .text).notNull().references("batch")
                table.column("number", .integer).notNull()
                table.column("seed", .text).notNull()
                table.column("rate", .double)
                table.column("count", .integer)
                table.column("population", .integer).notNull()
                table.column("acceptance", .integer).notNull()
                table.column("drawnBy", .text).notNull()
                table.column("drawnAt", .text).notNull()
                table.uniqueKey(["batch", "number"])
            }
            try db.create(table: "qaSample") { table in
                table.column("round", .text).notNull().references("qaRound")
                table.column("position", .integer).notNull()
                table.column("document", .text).notNull().indexed().references("document")
                table.column("page", .integer).notNull()
                table.column("imageSHA256", .text).notNull()
                table.column("file", .text).notNull()
                table.primaryKey(["round", "position"])
            }
            try db.create(table: "qaCheck") { table in
                table.autoIncrementedPrimaryKey("sequence")
                table.column("round", .text).notNull().indexed().references("qaRound")
                table.column("document", .text).notNull().references("document")
                table.column("page", .integer).notNull()
                table.column("imageSHA256", .text).notNull()
                table.column("verdict", .text).notNull()
                table.column("defect", .text)
                table.column("note", .text)
                table.column("checkedBy", .text).notNull()
                table.column("checkedAt", .text).notNull()
            }
            try db.create(table: "qaRelease") { table in
                table.primaryKey("batch", .text).references("batch")
                table.column("releasedBy", .text).notNull()
                table.column("releasedAt", .text).notNull()
                table.column("reason", .text)
            }
        }
        migrator.registerMigration("v14: retention") { db in
            // An Aussonderung process (xdomea ProzessID, shared by its 0501 to 0507 messages) and the
            // records it offered, with the archive's decision per record (A archivwürdig, V kassabel).
            try db.create(table: "aussonderung") { table in
                table.primaryKey("process", .text)
                table.column("createdAt", .text).notNull()
                table.column("sender", .text).notNull()
                table.column("recipient", .text).notNull()
                table.column("offeredMessage", .text).notNull()
                table.column("handedOverMessage", .text)
            }
            try db.create(table: "aussonderungRecord") { table in
                table.column("process", .text).notNull().references("aussonderung")
                table.column("document", .text).notNull().references("document")
                table.column("akte", .text).notNull()
                table.column("offeredAs", .text).notNull()
                table.column("decision", .text)
                table.primaryKey(["process", "document"])
            }
        }
        return migrator
    }

    static let headFileMigration = "v8: audit head file"

    /// Fills the review queue's columns of documents recorded before they existed: from the stored
    /// classification, and the Schutzbedarf from the review waiting to be written, else the newest
    /// event that named it (the record's writing), else the batch's.
    private static func backfillQueueColumns(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.id, d.classification, d.pendingRecord, b.schutzbedarf AS batchLevel,
                   (SELECT json_extract(e.payload, '$.schutzbedarf') FROM auditEvent e WHERE e.document = d.id
                      AND json_extract(e.payload, '$.schutzbedarf') IS NOT NULL ORDER BY e.sequence DESC LIMIT 1) AS recorded
            FROM document d JOIN batch b ON b.id = d.batch
            """)
        for row in rows {
            let classification = (row["classification"] as String?)
                .flatMap { try? JSONDecoder().decode(Classification.self, from: Data($0.utf8)) }
            let pending = (row["pendingRecord"] as String?)
                .flatMap { try? JSONDecoder().decode(RecordMetadata.self, from: Data($0.utf8)) }
            let level: String? = pending?.schutzbedarf ?? row["recorded"] ?? row["batchLevel"]
            try db.execute(sql: "UPDATE document SET confidence = ?, suggestedCode = ?, schutzbedarf = ? WHERE id = ?",
                           arguments: [classification.map { $0.bestPath.last?.probability ?? 0 },
                                       classification?.bestPath.last?.code, level, row["id"]])
        }
    }
}
