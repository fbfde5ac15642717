import FilePlan
import Foundation
import Testing
import TestSupport
@testable import ScanPipeline
@testable import ScanStorePostgres

/// The same rows in SQLite and PostgreSQL, read through each store's protocols: the review queue
/// (every filter, sort and page), the listings, the report, the Posteingang, the Transfervermerk's
/// facts, sample-check batches, users and models must come out the same. The rows are chosen where
/// the dialects differ: mixed case and umlauts in paths and text (SQLite's LIKE folds ASCII only),
/// LIKE's wildcards in names, ties, NULL confidences and plan codes, ids that sort differently
/// byte-wise than in a natural-language collation.
@Suite(.enabled(if: PostgresTestServer.isAvailable, Comment(rawValue: PostgresTestServer.skipReason ?? "")))
struct PostgresReadModelParityTests {
    static let rows = """
        INSERT INTO batch (id, openedAt, closedAt, operator, profile, schutzbedarf, planVersion) VALUES
          ('b1', '2026-12-01T08:00:00Z', '2026-12-01T09:00:00Z', 'Poststelle', 'default', 'normal', 'test@1'),
          ('B2', '2026-12-01T08:00:00Z', NULL, 'Registratur', 'akten', 'hoch', 'test@1'),
          ('b3', '2026-12-02T08:00:00Z', NULL, 'Poststelle', 'default', 'normal', 'test@1'),
          ('b10', '2026-11-30T08:00:00Z', '2026-11-30T10:00:00Z', 'Poststelle', 'default', 'normal', 'test@2');
        INSERT INTO sourceFile (sha256, batch, path, size, ingestedAt) VALUES
          ('s1', 'b1', 'Akte_1/brief.tif', 10, ''), ('s2', 'b1', 'akte%2/Brief.tif', 20, ''),
          ('s3', 'b1', 'Ärger/zettel.tif', 30, ''), ('s4', 'B2', 'ärger/Zettel.tif', 40, ''),
          ('s5', 'B2', 'b.tif', 50, ''), ('s6', 'b3', 'B.tif', 60, ''), ('s7', 'b10', 'zz.tif', 70, ''),
          ('s8', 'b1', 'x\\y_z.tif', 80, ''), ('s9', 'B2', 'b.tif', 90, ''), ('s10', 'b3', 'B.tif', 100, '');
        INSERT INTO document (id, batch, sourceFile, parent, state, pageCount, recordPath, confidence, planCode, suggestedCode,
                              schutzbedarf, aktenzeichen, updatedAt, pendingRecord) VALUES
          ('d01', 'b1', 's1', NULL, 'needs-review', 2, 'records/d01', 0.4, '63.2', '632', NULL, 'AZ 1', 't1', NULL),
          ('d02', 'b1', 's2', NULL, 'needs-review', 1, 'records/d02', NULL, NULL, NULL, 'hoch', NULL, 't2', NULL),
          ('d03', 'b1', 's3', NULL, 'filed', 1, 'records/d03', 0.9, '632.10', '632.10', 'normal', NULL, 't3', NULL),
          ('d04', 'B2', 's4', NULL, 'needs-review', 1, 'records/d04', 0.4, '6.3.2', '632', 'sehr-hoch', 'AZ 4', 't4', NULL),
          ('d05', 'B2', 's5', NULL, 'exported', 1, 'records/d05', 0.55, '701', '701', 'normal', NULL, 't5', NULL),
          ('d06', 'b3', 's6', NULL, 'needs-review', 3, 'records/d06', 0.1, NULL, '1', NULL, NULL, 't6', NULL),
          ('d07', 'b10', 's7', NULL, 'discarded', 1, 'records/d07', NULL, NULL, NULL, NULL, NULL, 't7', NULL),
          ('d08', 'b1', 's8', NULL, 'quarantined', 1, NULL, NULL, NULL, NULL, NULL, NULL, 't8', NULL),
          ('d09', 'b1', 's1', 'd01', 'needs-review', 1, 'records/d09', 0.4, '63.2', '632', NULL, NULL, 't9', NULL),
          ('d10', 'B2', 's9', NULL, 'filed', 1, 'records/d10', 0.7, '1.1', '11', 'hoch', NULL, 't10', '{}'),
          ('D11', 'b3', 's10', NULL, 'needs-review', 1, 'records/D11', 0.1, '63', '63', NULL, NULL, 't11', NULL);
        INSERT INTO page (document, number, imageSHA256, blank, rotation, skew, wordCount, text, quality) VALUES
          ('d01', 1, 'i1', false, 0, 0, 4, 'Sehr geehrter Herr Müller', '["schief"]'),
          ('d01', 2, 'i2', true, 0, 0, 0, '', NULL),
          ('d02', 1, 'i3', false, 0, 0, 4, 'MÜLLER und muller 100%', NULL),
          ('d04', 1, 'i4', false, 0, 0, 1, 'Rechnung_2026', '["dunkel"]'),
          ('d06', 1, 'i5', false, 0, 0, 1, 'eins', NULL),
          ('d06', 2, 'i6', true, 0, 0, 0, 'zwei', NULL),
          ('d06', 3, 'i7', false, 0, 0, 1, 'drei', '["leer?"]'),
          ('d03', 1, 'i8', false, 0, 0, 1, 'Ärger', NULL),
          ('D11', 1, 'i9', false, 0, 0, 1, 'müller', NULL),
          ('d09', 1, 'i10', false, 0, 0, 1, 'Anlage', NULL);
        INSERT INTO reclassification (id, document, fromCode, toCode, decision, reason, requestedBy, requestedAt, rule, planVersion,
                                      status) VALUES
          ('r1', 'd04', '6.3.2', '701', 'reclassified', 'falsch', 'A. Schmidt', '2026-12-02T10:00:00Z', 'Schutzbedarf hoch',
           'test@1', 'pending'),
          ('r2', 'd03', '632.10', '701', 'reclassified', 'falsch', 'A. Schmidt', '2026-12-02T10:00:00Z', 'Schutzbedarf hoch',
           'test@1', 'rejected');
        """

    static let time = Date(timeIntervalSince1970: 1_800_000_000)

    /// Events both trails get, in the same order and at the same time: the same chain.
    static func events() throws -> [AuditEntry] {
        let scanctl = AuditActor.component("scanctl", version: "9.9")
        return [
            try AuditEntry(actor: scanctl, rawAction: AuditAction.batchOpened.rawValue, subjects: AuditSubjects(batch: "b1"),
                           payload: ["profile": "default"], at: time),
            try AuditEntry(actor: scanctl, rawAction: AuditAction.fileDuplicate.rawValue, subjects: AuditSubjects(batch: "b1"),
                           payload: ["path": "a.tif"], at: time),
            try AuditEntry(actor: .person("R"), rawAction: AuditAction.documentReviewed.rawValue,
                           subjects: AuditSubjects(batch: "b1", document: "d03"), payload: ["code": "63"], at: time),
            try AuditEntry(actor: .person("R"), rawAction: AuditAction.documentReviewed.rawValue,
                           subjects: AuditSubjects(batch: "b1", document: "d03"), payload: ["code": "632.10"], at: time),
            try AuditEntry(actor: .person("R"), rawAction: AuditAction.documentDiscarded.rawValue,
                           subjects: AuditSubjects(batch: "b10", document: "d07"), payload: ["code": "-"], at: time),
            try AuditEntry(actor: .person("R"), rawAction: AuditAction.documentRescanned.rawValue,
                           subjects: AuditSubjects(batch: "b1", document: "d01"), payload: ["page": "1"], at: time),
            try AuditEntry(actor: scanctl, rawAction: AuditAction.transfervermerkWritten.rawValue, subjects: AuditSubjects(batch: "b10"),
                           payload: ["file": "b10.json", "sha256": "h", "sealedBy": "key"], at: time),
            try AuditEntry(actor: scanctl, rawAction: AuditAction.transfervermerkWritten.rawValue, subjects: AuditSubjects(batch: "B2"),
                           payload: ["file": "B2.json", "sha256": "h"], at: time),
            try AuditEntry(actor: .person("R"), rawAction: AuditAction.modelTrained.rawValue, payload: ["sha256": "m"], at: time),
        ]
    }

    /// Both stores with the rows, users and events; `test` gets SQLite's and PostgreSQL's.
    func run(_ test: (SQLiteStore, PostgresStore) async throws -> Void) async throws {
        let sqlite = try StoreFixture()
        defer { sqlite.remove() }
        try await PostgresStoreFixture.with { postgres in
            let users: [(UserAccount, String)] = [
                (UserAccount(name: "maria", displayName: "Maria", role: .registratur, osAccount: "mw", createdAt: Self.time), "h1"),
                (UserAccount(name: "Bob", displayName: "Bob", role: .auditor, createdAt: Self.time), "h2"),
                (UserAccount(name: "mw", displayName: "Other", role: .poststelle, createdAt: Self.time), "h3"),
                (UserAccount(name: "anna", displayName: "Anna", role: .admin, disabled: true, createdAt: Self.time), "h4"),
            ]
            for fixture in [sqlite, postgres] as [any StoreConformanceFixture] {
                try await fixture.execute(Self.rows)
                for entry in try Self.events() { try await fixture.append(entry) }
            }
            for store in [sqlite.store, postgres.store] as [any UserStore] {
                for (account, hash) in users {
                    try await store.addUser(account, passwordHash: hash, event: AuditEntry(
                        actor: .person("admin"), rawAction: AuditAction.userAdded.rawValue, payload: ["name": account.name], at: Self.time))
                }
                for view in [SavedView(user: "maria", name: "Zuletzt", query: "a=1"), SavedView(user: "maria", name: "alle", query: "b=2"),
                             SavedView(user: "maria", name: "Zuletzt", query: "c=3")] {
                    try await store.saveView(view)
                }
            }
            try await test(sqlite.store, postgres.store)
        }
    }

    /// Expects PostgreSQL's answer to be SQLite's.
    func same<T: Equatable>(_ postgres: T, _ sqlite: T, _ comment: Comment? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(postgres == sqlite, comment, sourceLocation: sourceLocation)
    }

    static var queries: [(ReviewQueueQuery, [String]?)] {
        var queries: [(ReviewQueueQuery, [String]?)] = []
        for states in ReviewFilter.States.allCases {
            for sort in ReviewQueueQuery.Sort.allCases {
                queries.append((ReviewQueueQuery(states: states, sort: sort), nil))
                for page in 1...4 { queries.append((ReviewQueueQuery(states: states, sort: sort, page: page, pageSize: 2), nil)) }
            }
        }
        let all = ReviewFilter.States.all
        queries += [
            (ReviewQueueQuery(states: all, below: 0.5), nil), (ReviewQueueQuery(states: all, below: 0.4), nil),
            (ReviewQueueQuery(states: all, code: PlanCode("63")), nil), (ReviewQueueQuery(states: all, code: PlanCode("6.3.2")), nil),
            (ReviewQueueQuery(states: all, code: PlanCode("7")), nil),
            (ReviewQueueQuery(states: all, batch: "b"), nil), (ReviewQueueQuery(states: all, batch: "B"), nil),
            (ReviewQueueQuery(states: all, batch: "b1"), nil), (ReviewQueueQuery(states: all, batch: "B2"), nil),
            (ReviewQueueQuery(states: all, schutzbedarf: .normal), nil), (ReviewQueueQuery(states: all, schutzbedarf: .hoch), nil),
            (ReviewQueueQuery(states: all, source: "akte"), nil), (ReviewQueueQuery(states: all, source: "AKTE_"), nil),
            (ReviewQueueQuery(states: all, source: "%"), nil), (ReviewQueueQuery(states: all, source: "_"), nil),
            (ReviewQueueQuery(states: all, source: "ärger"), nil), (ReviewQueueQuery(states: all, source: "Ä"), nil),
            (ReviewQueueQuery(states: all, source: "\\y"), nil), (ReviewQueueQuery(states: all, source: "brief"), nil),
            (ReviewQueueQuery(states: all, text: "müller"), nil), (ReviewQueueQuery(states: all, text: "MÜLLER"), nil),
            (ReviewQueueQuery(states: all, text: "Muller"), nil), (ReviewQueueQuery(states: all, text: "100%"), nil),
            (ReviewQueueQuery(states: all, text: "g_2"), nil), (ReviewQueueQuery(states: all, text: "zwei"), nil),
            (ReviewQueueQuery(states: all), ["normal"]), (ReviewQueueQuery(states: all), ["normal", "hoch"]),
            (ReviewQueueQuery(states: all), []),
            (ReviewQueueQuery(states: all, below: 0.6, source: "tif", text: "e", sort: .confidence, page: 2, pageSize: 1), ["normal"]),
        ]
        var approval = ReviewQueueQuery(states: all)
        approval.awaitingApproval = true
        queries.append((approval, nil))
        var selection = ReviewQueueQuery(states: all, sort: .code)
        selection.documents = ["d04", "D11", "d01", "nope"]
        queries.append((selection, nil))
        var none = ReviewQueueQuery(states: all)
        none.documents = []
        queries.append((none, nil))
        return queries
    }

    @Test func theReviewQueueFiltersSortsAndPagesAlike() async throws {
        try await run { sqlite, postgres in
            for (query, levels) in Self.queries {
                let expected = try await sqlite.reviewQueue(query, levels: levels)
                #expect(try await postgres.reviewQueue(query, levels: levels) == expected, "\(query) \(levels ?? ["any"])")
                try await same(postgres.reviewQueueIDs(query, levels: levels), sqlite.reviewQueueIDs(query, levels: levels),
                        "\(query) \(levels ?? ["any"])")
            }
        }
    }

    @Test func theReviewListingsAreAlike() async throws {
        try await run { sqlite, postgres in
            for document in [nil, "d01", "d04", "nope"] as [String?] {
                let (expected, actual) = (try await sqlite.reviewListing(document: document), try await postgres.reviewListing(document: document))
                #expect(actual.rows == expected.rows)
                #expect(actual.pending == expected.pending)
            }
            for withRecord in [true, false] {
                try await same(postgres.documentIDs(withRecord: withRecord), sqlite.documentIDs(withRecord: withRecord))
            }
            for document in ["d01", "d06", "nope"] {
                try await same(postgres.recognisedText(document: document), sqlite.recognisedText(document: document))
                try await same(postgres.auditSubjects(document: document), sqlite.auditSubjects(document: document))
                try await same(postgres.recordPlacement(document: document), sqlite.recordPlacement(document: document))
            }
            try await same(postgres.documentsWithPendingRecord(), sqlite.documentsWithPendingRecord())
        }
    }

    @Test func theReportAndThePosteingangAreAlike() async throws {
        try await run { sqlite, postgres in
            for prefix in ["", "b", "b1", "B", "x"] {
                let (expected, actual) = (try await sqlite.reportFacts(batchPrefix: prefix), try await postgres.reportFacts(batchPrefix: prefix))
                #expect(actual.batches == expected.batches, "\(prefix)")
                #expect(actual.documents.map { "\($0)" }.sorted() == expected.documents.map { "\($0)" }.sorted(), "\(prefix)")
                #expect(actual.pages == expected.pages && actual.blankPages == expected.blankPages, "\(prefix)")
                #expect(actual.transfervermerkWritten == expected.transfervermerkWritten, "\(prefix)")
                #expect(actual.flaggedPages == expected.flaggedPages, "\(prefix)")
                #expect(actual.sources.mapValues { "\($0.path) \($0.state)" } == expected.sources.mapValues { "\($0.path) \($0.state)" },
                        "\(prefix)")
                #expect(actual.events == expected.events, "\(prefix)")
            }
            for limit in [1, 2, 10] {
                try await same(postgres.batchOverview(limit: limit), sqlite.batchOverview(limit: limit))
            }
        }
    }

    @Test func theTransfervermerkFactsAreAlike() async throws {
        try await run { sqlite, postgres in
            try await same(postgres.batchesAwaitingTransfervermerk(), sqlite.batchesAwaitingTransfervermerk())
            for batch in ["b1", "B2", "b3", "b10", "nope"] {
                try await same(postgres.facts(ofBatch: batch), sqlite.facts(ofBatch: batch), "\(batch)")
            }
        }
    }

    @Test func sampleCheckBatchesUsersAndModelsAreAlike() async throws {
        try await run { sqlite, postgres in
            for reference in ["b", "B", "b1", "B2", "b1%", "x"] {
                try await same(postgres.qualityBatches(matching: reference), sqlite.qualityBatches(matching: reference), "\(reference)")
            }
            for batch in ["b1", "B2", "nope"] {
                let (expected, actual) = (try await sqlite.qualityBatch(batch), try await postgres.qualityBatch(batch))
                #expect(actual?.id == expected?.id && actual?.closed == expected?.closed)
                #expect(actual?.documents.map { "\($0.id) \($0.state) \($0.file)" } == expected?.documents.map { "\($0.id) \($0.state) \($0.file)" })
            }
            try await same(postgres.users(), sqlite.users())
            for name in ["maria", "Bob", "mw", "nope"] {
                try await same(postgres.user(named: name), sqlite.user(named: name), "\(name)")
                try await same(postgres.user(osAccount: name), sqlite.user(osAccount: name), "\(name)")
            }
            try await same(postgres.savedViews(user: "maria"), sqlite.savedViews(user: "maria"))
            try await postgres.deleteView(user: "maria", name: "alle")
            try await sqlite.deleteView(user: "maria", name: "alle")
            try await same(postgres.savedViews(user: "maria"), sqlite.savedViews(user: "maria"))
            try await same(postgres.newestModelTrained(), sqlite.newestModelTrained())
            let (expected, actual) = (try await sqlite.reviewedDecisions(), try await postgres.reviewedDecisions())
            #expect(actual.map { "\($0.document) \($0.event.sequence) \($0.pageTexts)" }
                    == expected.map { "\($0.document) \($0.event.sequence) \($0.pageTexts)" })
            for limit in [1, 3, 20] {
                try await same(postgres.recentDocumentTexts(limit: limit), sqlite.recentDocumentTexts(limit: limit), "\(limit)")
            }
            try await same(postgres.removedRecordFolders().map { "\($0.id) \($0.folder)" },
                           sqlite.removedRecordFolders().map { "\($0.id) \($0.folder)" })
        }
    }

    @Test func aRescanCommitsAlikeAndOnlyOverItsRevision() async throws {
        try await run { sqlite, postgres in
            let page = StoredPage(number: 1, imageSHA256: "new", blank: false, rotation: 90, skew: 0.5, meanConfidence: 88,
                                  text: "Neu", separator: false, noText: false, barcodes: [], quality: [])
            let commit = RescanCommit(
                document: "d01", expectedState: .needsReview, expectedRevision: "t1", state: .needsReview,
                replaced: [.init(page: page, wordCount: 1)], accepted: [], classification: nil, confidence: 0.8, suggestedCode: "701",
                pendingRecord: "{\"x\":1}", pendingPDF: "pdf",
                event: try AuditEntry(actor: .person("R"), rawAction: AuditAction.documentRescanned.rawValue,
                                      subjects: AuditSubjects(batch: "b1", document: "d01"), payload: ["page": "1"], at: Self.time))
            for store in [sqlite, postgres] as [any RescanLedger & ReviewStore] {
                #expect(try await store.revision(document: "d01") == "t1")
                try await store.commitRescan(commit)
                #expect(await ScanPipelineError.Code.thrown { try await store.commitRescan(commit) } == .staleState)
                #expect(try await store.pendingPDF(document: "d01") == "pdf")
                #expect(try await store.batchProfile(batch: "B2") == "akten")
            }
            try await same(postgres.revision(document: "d01"), sqlite.revision(document: "d01"))
            try await same(postgres.reviewQueue(ReviewQueueQuery(states: .all), levels: nil),
                           sqlite.reviewQueue(ReviewQueueQuery(states: .all), levels: nil))
            try await same(postgres.recognisedText(document: "d01"), sqlite.recognisedText(document: "d01"))
        }
    }

    @Test func usersAreRefusedAndChangedAlike() async throws {
        try await run { sqlite, postgres in
            for store in [sqlite, postgres] as [any UserStore] {
                let event = try AuditEntry(actor: .person("admin"), rawAction: AuditAction.userAdded.rawValue, payload: ["n": "x"], at: Self.time)
                let taken = UserAccount(name: "maria", displayName: "Maria 2", role: .auditor, createdAt: Self.time)
                #expect(await ScanPipelineError.Code.thrown { try await store.addUser(taken, passwordHash: "h", event: event) } == .identity)
                let mapped = UserAccount(name: "neu", displayName: "Neu", role: .auditor, osAccount: "mw", createdAt: Self.time)
                #expect(await ScanPipelineError.Code.thrown { try await store.addUser(mapped, passwordHash: "h", event: event) } == .identity)
                #expect(await ScanPipelineError.Code.thrown {
                    try await store.updateUser("nope", event: { _ in event }, change: { $0 })
                } == .unknownID)
                try await store.updateUser("Bob", event: { _ in event }, change: { stored in
                    var changed = stored
                    changed.account.disabled = true
                    changed.account.role = .recordsManager
                    changed.passwordHash = "new"
                    return changed
                })
                #expect(await ScanPipelineError.Code.thrown {
                    try await store.updateUser("Bob", event: { _ in event }, change: { _ in throw ScanPipelineError(.identity, "no") })
                } == .identity)
                try await store.recordLogin(event)
            }
            try await same(postgres.users(), sqlite.users())
            try await same(postgres.user(named: "Bob"), sqlite.user(named: "Bob"))
            // The same events on both trails: the same head.
            try await same(postgres.facts(ofBatch: "b1")?.head, sqlite.facts(ofBatch: "b1")?.head)
        }
    }

    /// Two hosts filing at once: the row locks let exactly one of them through, as SQLite's one
    /// writer does.
    @Test func twoHostsCannotBothFileARequestOrASampleRound() async throws {
        try await PostgresStoreFixture.with { fixture in
            let other = try PostgresStore(url: fixture.url, headFile: nil)
            defer { other.shutdown() }
            try await other.waitUntilReady()
            let review = ReviewStoreConformance(store: fixture.store, fixture: fixture)
            let stores = [fixture.store, other]
            for round in 1...5 {
                let document = "d\(round)"
                try await fixture.addDocument(document, state: .filed)
                let requests = [review.request("r\(round)a", for: document), review.request("r\(round)b", for: document)]
                let codes = await withTaskGroup(of: ScanPipelineError.Code?.self) { group in
                    for (store, (request, event)) in zip(stores, requests) {
                        group.addTask { await ScanPipelineError.Code.thrown { try await store.requestChange(request, event: event) } }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(codes.filter { $0 == nil }.count == 1 && codes.contains(.review), "\(codes)")
                let drawn = QualityLedgerConformance.round(round, pages: [(document, 1)])
                var rival = drawn
                rival.id += "b"
                let rounds = await withTaskGroup(of: ScanPipelineError.Code?.self) { group in
                    for (store, attempt) in zip(stores, [drawn, rival]) {
                        group.addTask {
                            await ScanPipelineError.Code.thrown {
                                try await store.commitSampleRound(attempt, event: QualityLedgerConformance.drawn(attempt))
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(rounds.filter { $0 == nil }.count == 1 && rounds.contains(.staleState), "\(rounds)")
            }
            #expect(try await fixture.store.qualityState(batch: "b1").rounds.map(\.number) == [1, 2, 3, 4, 5])
            #expect(try await fixture.actions().count == 10)
        }
    }

    /// A password "hash" for tests: the password with a prefix (bcrypt is the server's).
    struct PlainHasher: PasswordHasher {
        func hash(_ password: String) throws -> String { "plain:" + password }
        func verify(_ password: String, hash: String) -> Bool { hash == "plain:" + password }
    }

    /// The users' life through the workspace (ScanPipeline's own code over each store): the same
    /// accounts, refusals and trail.
    @Test func usersThroughTheWorkspaceAreAlike() async throws {
        let sqlite = try StoreFixture()
        defer { sqlite.remove() }
        try await PostgresStoreFixture.with { postgres in
            var outcomes: [[String]] = []
            for workspace in [sqlite.workspace, postgres.workspace] {
                let hasher = PlainHasher()
                var outcome: [String] = []
                func note(_ work: () async throws -> Void) async {
                    outcome.append((await ScanPipelineError.Code.thrown(by: work))?.rawValue ?? "ok")
                }
                await note { try await workspace.addUser(UserAccount(name: "maria", displayName: "Maria", role: .registratur),
                                                         password: "secret-0001", by: nil, hasher: hasher) }
                try await workspace.addUser(UserAccount(name: "admin", displayName: "Admin", role: .admin), password: "secret-admin",
                                            by: nil, hasher: hasher)
                let admin = try await workspace.authenticate("admin", password: "secret-admin", client: nil, hasher: hasher)
                try await workspace.addUser(UserAccount(name: "maria", displayName: "Maria", role: .registratur, osAccount: "mw"),
                                            password: "secret-maria", by: admin, hasher: hasher)
                await note { try await workspace.addUser(UserAccount(name: "maria", displayName: "M", role: .auditor),
                                                         password: "secret-maria", by: admin, hasher: hasher) }
                await note { _ = try await workspace.authenticate("maria", password: "wrong", client: nil, hasher: hasher) }
                try await workspace.setRole("maria", to: .recordsManager, by: admin)
                try await workspace.setUser("maria", enabled: false, reason: "left", by: admin)
                await note { _ = try await workspace.authenticate("maria", password: "secret-maria", client: nil, hasher: hasher) }
                await note { try await workspace.setRole("nobody", to: .auditor, by: admin) }
                try await workspace.changePassword(of: "maria", to: "secret-newer", by: admin, hasher: hasher)
                outcome += try await workspace.users().map { "\($0.name) \($0.role.rawValue) \($0.disabled) \($0.osAccount ?? "-")" }
                outcome += try await workspace.auditEvents().map { "\($0.action) \($0.actorName) \($0.payload)" }
                outcomes.append(outcome)
            }
            #expect(outcomes[1] == outcomes[0])
            #expect(outcomes[0].contains("identity") && outcomes[0].contains("unknown-id"))
        }
    }

    /// The Transfervermerk of a closed batch, written through the workspace from each store's facts:
    /// the same note.
    @Test func aTransfervermerkIsWrittenAlike() async throws {
        let sqlite = try StoreFixture()
        defer { sqlite.remove() }
        try await PostgresStoreFixture.with { postgres in
            var notes: [Transfervermerk?] = []
            let both: [(any StoreConformanceFixture, Workspace)] = [(sqlite, sqlite.workspace), (postgres, postgres.workspace)]
            for (fixture, workspace) in both {
                try await fixture.execute(Self.rows)
                for entry in try Self.events() { try await fixture.append(entry) }
                let written = try await workspace.writeMissingTransfervermerke(sealKey: nil, actor: .component("scanctl", version: "9.9"))
                #expect(written == ["b1"])
                notes.append(try await workspace.storedTransfervermerk(batch: "b1"))
            }
            #expect(notes[0] != nil)
            #expect(notes[1] == notes[0])
        }
    }
}

