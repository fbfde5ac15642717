import Foundation
import PostgresNIO
import Logging
import ScanPipeline

/// The shared database's schema, as numbered migrations applied in order, each once, recorded in
/// `schemaMigration`; never edited after it has shipped (add a new one instead). The first one is
/// the SQLite schema's migrations (``WorkspaceSchema``) consolidated, with what only a shared store
/// needs: the audit head row that serialises appends, the document queue's columns and the
/// workspace claim.
///
/// Names are those of the SQLite schema, unquoted (PostgreSQL folds them to lower case, the same
/// way in every statement), except where SQLite's names are reserved in PostgreSQL: the table
/// `user` is `account`, and `savedView.user` is `savedView.account`. Timestamps the protocols carry
/// stay ISO-8601 TEXT, JSON stays TEXT; the queue's times are TIMESTAMPTZ from the database's clock.
/// `document.created` and `sourceFile.created` (identity columns) stand for SQLite's `rowid`: the
/// order rows were created in.
enum PostgresSchema {
    struct Migration {
        var version: Int
        var name: String
        var statements: [String]
    }

    /// Held (transaction-scoped) while migrating, so that two hosts starting at once do not race.
    static let migrationLock: Int64 = 0x7363_616E_6374_6C01

    static let migrations: [Migration] = [
        Migration(version: 1, name: "workspace schema (SQLite v1–v14) with the audit head, queue and claim", statements: [
            // The audit trail: append-only, chained in Swift (AuditTrail.chained).
            """
            CREATE TABLE auditEvent (
                sequence BIGINT PRIMARY KEY,
                time TEXT NOT NULL,
                actorKind TEXT NOT NULL,
                actorName TEXT NOT NULL,
                actorVersion TEXT,
                action TEXT NOT NULL,
                batch TEXT,
                file TEXT,
                document TEXT,
                payload TEXT NOT NULL,
                previousHash TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE)
            """,
            "CREATE INDEX auditEvent_batch ON auditEvent (batch)",
            "CREATE INDEX auditEvent_document ON auditEvent (document)",
            "CREATE INDEX auditEvent_file ON auditEvent (file)",
            "CREATE INDEX auditEvent_action ON auditEvent (action)",
            // Append-only: the database itself refuses to change or remove an event.
            """
            CREATE FUNCTION auditEvent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    RAISE EXCEPTION 'the audit trail is append-only: events cannot be changed';
                ELSE
                    RAISE EXCEPTION 'the audit trail is append-only: events cannot be deleted';
                END IF;
            END $$
            """,
            "CREATE TRIGGER auditEvent_no_update BEFORE UPDATE ON auditEvent FOR EACH ROW EXECUTE FUNCTION auditEvent_append_only()",
            "CREATE TRIGGER auditEvent_no_delete BEFORE DELETE ON auditEvent FOR EACH ROW EXECUTE FUNCTION auditEvent_append_only()",
            "CREATE TRIGGER auditEvent_no_truncate BEFORE TRUNCATE ON auditEvent FOR EACH STATEMENT EXECUTE FUNCTION auditEvent_append_only()",
            // The trail's end, one row, locked FOR UPDATE by every append: appends from several
            // hosts are serialised by it, so sequences cannot collide or leave gaps.
            """
            CREATE TABLE auditHead (
                id INT PRIMARY KEY CHECK (id = 1),
                sequence BIGINT NOT NULL,
                hash TEXT NOT NULL)
            """,
            "INSERT INTO auditHead (id, sequence, hash) VALUES (1, 0, '\(AuditEvent.genesisHash)')",
            // Batches; ingestLeaseUntil: an enqueuing run's ingest is going on (NULL: complete).
            """
            CREATE TABLE batch (
                id TEXT PRIMARY KEY,
                openedAt TEXT NOT NULL,
                closedAt TEXT,
                operator TEXT NOT NULL,
                profile TEXT NOT NULL,
                schutzbedarf TEXT NOT NULL,
                planVersion TEXT NOT NULL,
                ingestLeaseUntil TIMESTAMPTZ)
            """,
            """
            CREATE TABLE sourceFile (
                sha256 TEXT PRIMARY KEY,
                batch TEXT NOT NULL REFERENCES batch,
                path TEXT NOT NULL,
                size BIGINT NOT NULL,
                format TEXT,
                ingestedAt TEXT NOT NULL,
                akte TEXT,
                created BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE)
            """,
            // Documents, with the queue's columns: the lease (owner, fencing token, expiry), the
            // attempts, when it is ready again and why the last attempt failed.
            """
            CREATE TABLE document (
                id TEXT PRIMARY KEY,
                batch TEXT NOT NULL REFERENCES batch,
                sourceFile TEXT NOT NULL REFERENCES sourceFile,
                parent TEXT,
                state TEXT NOT NULL,
                pageCount INT NOT NULL,
                classification TEXT,
                planCode TEXT,
                recordPath TEXT,
                problemCode TEXT,
                problem TEXT,
                updatedAt TEXT NOT NULL,
                pendingRecord TEXT,
                confidence DOUBLE PRECISION,
                suggestedCode TEXT,
                schutzbedarf TEXT,
                pendingPDF TEXT,
                aktenzeichen TEXT,
                leaseOwner TEXT,
                leaseToken BIGINT NOT NULL DEFAULT 0,
                leaseExpiresAt TIMESTAMPTZ,
                attempts INT NOT NULL DEFAULT 0,
                availableAt TIMESTAMPTZ NOT NULL DEFAULT now(),
                lastError TEXT,
                created BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE)
            """,
            "CREATE INDEX document_batch ON document (batch)",
            "CREATE INDEX document_sourceFile ON document (sourceFile)",
            "CREATE INDEX document_parent ON document (parent)",
            "CREATE INDEX document_state ON document (state)",
            "CREATE INDEX document_queue ON document (state, confidence)",
            "CREATE INDEX document_ready ON document (availableAt, id) WHERE parent IS NULL",
            "CREATE INDEX document_aktenzeichen ON document (aktenzeichen)",
            // One live document per source file (the rest are quarantined or split off): two hosts
            // registering the same file at once cannot both create one.
            "CREATE UNIQUE INDEX document_live_source ON document (sourceFile) WHERE parent IS NULL "
                + "AND state NOT IN ('quarantined', 'released', 'retried')",
            """
            CREATE TABLE page (
                document TEXT NOT NULL REFERENCES document,
                number INT NOT NULL,
                imageSHA256 TEXT NOT NULL,
                blank BOOLEAN NOT NULL,
                rotation INT NOT NULL,
                skew DOUBLE PRECISION NOT NULL,
                meanConfidence DOUBLE PRECISION,
                wordCount INT NOT NULL,
                text TEXT NOT NULL,
                separator BOOLEAN NOT NULL DEFAULT false,
                barcodes TEXT,
                quality TEXT,
                noText BOOLEAN NOT NULL DEFAULT false,
                PRIMARY KEY (document, number))
            """,
            """
            CREATE TABLE reclassification (
                id TEXT PRIMARY KEY,
                document TEXT NOT NULL REFERENCES document,
                fromCode TEXT,
                toCode TEXT NOT NULL,
                decision TEXT NOT NULL,
                reason TEXT NOT NULL,
                requestedBy TEXT NOT NULL,
                requestedAt TEXT NOT NULL,
                rule TEXT NOT NULL,
                planVersion TEXT NOT NULL,
                status TEXT NOT NULL,
                decidedBy TEXT,
                decidedAt TEXT,
                decisionReason TEXT)
            """,
            "CREATE INDEX reclassification_document ON reclassification (document)",
            """
            CREATE TABLE quarantine (
                document TEXT PRIMARY KEY REFERENCES document,
                path TEXT NOT NULL,
                storedAs TEXT,
                reasonFile TEXT NOT NULL,
                quarantinedAt TEXT NOT NULL,
                closedAt TEXT,
                closedBy TEXT,
                closeReason TEXT,
                retriedAs TEXT REFERENCES document)
            """,
            "CREATE INDEX quarantine_retriedAs ON quarantine (retriedAs)",
            // SQLite's `user` (reserved in PostgreSQL).
            """
            CREATE TABLE account (
                name TEXT PRIMARY KEY,
                displayName TEXT NOT NULL,
                role TEXT NOT NULL,
                passwordHash TEXT NOT NULL,
                disabled BOOLEAN NOT NULL DEFAULT false,
                osAccount TEXT UNIQUE,
                createdAt TEXT NOT NULL)
            """,
            // SQLite's savedView.user (reserved in PostgreSQL) is `account`.
            """
            CREATE TABLE savedView (
                account TEXT NOT NULL REFERENCES account,
                name TEXT NOT NULL,
                query TEXT NOT NULL,
                PRIMARY KEY (account, name))
            """,
            """
            CREATE TABLE qaRound (
                id TEXT PRIMARY KEY,
                batch TEXT NOT NULL REFERENCES batch,
                number INT NOT NULL,
                seed TEXT NOT NULL,
                rate DOUBLE PRECISION,
                count INT,
                population INT NOT NULL,
                acceptance INT NOT NULL,
                drawnBy TEXT NOT NULL,
                drawnAt TEXT NOT NULL,
                UNIQUE (batch, number))
            """,
            """
            CREATE TABLE qaSample (
                round TEXT NOT NULL REFERENCES qaRound,
                position INT NOT NULL,
                document TEXT NOT NULL REFERENCES document,
                page INT NOT NULL,
                imageSHA256 TEXT NOT NULL,
                file TEXT NOT NULL,
                PRIMARY KEY (round, position))
            """,
            "CREATE INDEX qaSample_document ON qaSample (document)",
            """
            CREATE TABLE qaCheck (
                sequence BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                round TEXT NOT NULL REFERENCES qaRound,
                document TEXT NOT NULL REFERENCES document,
                page INT NOT NULL,
                imageSHA256 TEXT NOT NULL,
                verdict TEXT NOT NULL,
                defect TEXT,
                note TEXT,
                checkedBy TEXT NOT NULL,
                checkedAt TEXT NOT NULL)
            """,
            "CREATE INDEX qaCheck_round ON qaCheck (round)",
            """
            CREATE TABLE qaRelease (
                batch TEXT PRIMARY KEY REFERENCES batch,
                releasedBy TEXT NOT NULL,
                releasedAt TEXT NOT NULL,
                reason TEXT)
            """,
            """
            CREATE TABLE aussonderung (
                process TEXT PRIMARY KEY,
                createdAt TEXT NOT NULL,
                sender TEXT NOT NULL,
                recipient TEXT NOT NULL,
                offeredMessage TEXT NOT NULL,
                handedOverMessage TEXT)
            """,
            """
            CREATE TABLE aussonderungRecord (
                process TEXT NOT NULL REFERENCES aussonderung,
                document TEXT NOT NULL REFERENCES document,
                akte TEXT NOT NULL,
                offeredAs TEXT NOT NULL,
                decision TEXT,
                PRIMARY KEY (process, document))
            """,
            // The workspace-exclusive claim of a run (WorkQueue): one row while held, with the
            // holder, a token per claim and an expiry its holder renews.
            """
            CREATE TABLE workspaceClaim (
                id INT PRIMARY KEY CHECK (id = 1),
                owner TEXT NOT NULL,
                token BIGINT NOT NULL,
                expiresAt TIMESTAMPTZ NOT NULL)
            """,
            "CREATE SEQUENCE workspaceClaim_token",
        ]),
    ]

    /// Applies the migrations not yet applied, in one transaction under the migration lock.
    static func migrate(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("BEGIN", logger: logger)
        do {
            try await connection.run("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.run("""
                CREATE TABLE IF NOT EXISTS schemaMigration (version INT PRIMARY KEY, name TEXT NOT NULL,
                                                            appliedAt TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM schemaMigration", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements { try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.run(
                    "INSERT INTO schemaMigration (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
            }
            try await connection.run("COMMIT", logger: logger)
        } catch {
            try? await connection.run("ROLLBACK", logger: logger)
            throw error
        }
    }
}
