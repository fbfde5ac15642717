import Foundation
import TestSupport
import Testing
@testable import ScanPipeline

/// What every ``DocumentStore`` backend must do, written once against the protocol: guarded moves,
/// a move and its events committed together or not at all, documents created in their
/// lifecycle's initial state. Each backend runs it from its own suite (SQLite: below).
struct DocumentStoreConformance {
    let store: any DocumentStore

    static let batch = "batch-conformance"
    static let actor = AuditActor.component("conformance", version: "1")

    /// An open batch with one registered, separated document; returns its id.
    func seedDocument(sha256: String = String(repeating: "a", count: 64)) async throws -> String {
        if try await store.openBatches(excluding: "").isEmpty {
            try await store.openBatch(
                BatchOpening(id: Self.batch, openedAt: AuditTrail.timestamp(Date()), operatorName: "Test", profile: "default",
                             schutzbedarf: "normal", planVersion: "v1"),
                event: AuditEntry(actor: Self.actor, action: .batchOpened, subjects: AuditSubjects(batch: Self.batch),
                                        payload: RunAuditPayload.BatchOpened(
                                            operator: "Test", profile: "default", schutzbedarf: "normal", plan: "plan",
                                            planVersion: "v1", engine: "stub", languages: "deu", workers: 1, inputs: [])))
        }
        let id = UUID().uuidString.lowercased()
        let subjects = AuditSubjects(batch: Self.batch, file: sha256, document: id)
        try await store.register(DocumentRegistration(
            source: SourceRegistration(sha256: sha256, batch: Self.batch, path: "/in/\(sha256.prefix(4)).png", size: 10,
                                       format: "png", time: AuditTrail.timestamp(Date())),
            document: try NewDocument(id: id, batch: Self.batch, sourceFile: sha256, pageCount: 1, origin: .sourceFile,
                                      then: [.separated]),
            events: [AuditEntry(actor: Self.actor, action: .documentSeparated, subjects: subjects,
                                      payload: RunAuditPayload.DocumentSeparated(rule: "test", pages: 1))]))
        return id
    }

    func recognised(_ document: String, from state: DocumentState = .separated,
                    payload: some AuditPayload = RunAuditPayload.DocumentRecognised(pages: 1, blankPages: [], meanConfidence: 90))
        throws -> DocumentTransition {
        try DocumentTransition(document: document, from: state, event: .recognised, events: [
            AuditEntry(actor: Self.actor, action: .documentRecognised,
                             subjects: AuditSubjects(batch: Self.batch, document: document), payload: payload),
        ])
    }

    func recognisedEvents() async throws -> Int { try await store.eventCount(.documentRecognised, batch: Self.batch) }

    func registersADocumentInItsLifecycleState() async throws {
        let document = try await seedDocument()
        #expect(try await store.state(of: document) == .separated)
        #expect(try await store.unsettledDocuments().map(\.id) == [document])
        #expect(try await store.eventCount(.documentSeparated, batch: Self.batch) == 1)
    }

    func commitsAMoveWithItsEvents() async throws {
        let document = try await seedDocument()
        try await store.commit(recognised(document))
        #expect(try await store.state(of: document) == .recognised)
        #expect(try await recognisedEvents() == 1)
    }

    func refusesAStaleState() async throws {
        let document = try await seedDocument()
        try await store.commit(recognised(document))
        // Computed from `separated` again (by a second worker, say): the document moved on.
        let error = await #expect(throws: ScanPipelineError.self) { try await store.commit(recognised(document)) }
        #expect(error?.code == .staleState)
        #expect(try await store.state(of: document) == .recognised)
        #expect(try await recognisedEvents() == 1)
    }

    func refusesAnUnknownDocument() async throws {
        _ = try await seedDocument()
        let error = await #expect(throws: ScanPipelineError.self) { try await store.commit(recognised("no-such-document")) }
        #expect(error?.code == .unknownID)
        #expect(try await recognisedEvents() == 0)
    }

    func refusesAnIllegalMove() async throws {
        let document = try await seedDocument()
        // The lifecycle refuses the move before any store sees it...
        let error = #expect(throws: ScanPipelineError.self) {
            try DocumentTransition(document: document, from: .separated, event: .filed, events: [])
        }
        #expect(error?.code == .illegalTransition)
        // ...and a move from a state the document is not in is stale, whatever the lifecycle allows.
        let classified = try DocumentTransition(document: document, from: .recognised, event: .classified,
                                                changes: DocumentChanges(planCode: "1.2"), events: [])
        let stale = await #expect(throws: ScanPipelineError.self) { try await store.commit(classified) }
        #expect(stale?.code == .staleState)
        #expect(try await store.state(of: document) == .separated)
        #expect(try await store.classification(of: document) == nil)
    }

    func aFailingCommitLeavesNeitherStateNorEvents() async throws {
        let document = try await seedDocument()
        let before = try await recognisedEvents()
        await #expect(throws: (any Error).self) { try await store.commit(recognised(document, payload: Unencodable())) }
        #expect(try await store.state(of: document) == .separated)
        #expect(try await recognisedEvents() == before)
    }

    func quarantinesWithTheRowAndEvent() async throws {
        let document = try await seedDocument()
        let transition = try DocumentTransition(
            document: document, from: .separated, event: .quarantined,
            changes: DocumentChanges(problemCode: "unreadable-file", problem: "broken"),
            events: [AuditEntry(actor: Self.actor, action: .documentQuarantined,
                                      subjects: AuditSubjects(batch: Self.batch, document: document),
                                      payload: RunAuditPayload.Quarantined(path: "/in/x", sha256: nil, code: "unreadable-file",
                                                                           reason: "broken", storedAs: nil))])
        try await store.quarantine(transition, copy: QuarantineCopy(document: document, path: "/in/x", storedAs: nil,
                                                                    reasonFile: "x.reason.json", time: AuditTrail.timestamp(Date())))
        #expect(try await store.state(of: document) == .quarantined)
        #expect(try await store.unsettledDocumentCount() == 0)
        #expect(try await store.eventCount(.documentQuarantined, batch: Self.batch) == 1)
    }

    func splitsIntoPartsCreatedAsRecognised() async throws {
        let document = try await seedDocument()
        let part = UUID().uuidString.lowercased()
        let sha = String(repeating: "a", count: 64)
        let split = DocumentSplit(
            original: document,
            parts: [.init(document: try NewDocument(id: part, batch: Self.batch, sourceFile: sha, parent: document, pageCount: 1,
                                                    origin: .splitPart),
                          pages: [2], events: [])],
            event: AuditEntry(actor: Self.actor, action: .documentSplit,
                                    subjects: AuditSubjects(batch: Self.batch, document: document),
                                    payload: RunAuditPayload.DocumentSplit(parts: [], separatorPages: [2], barcodes: [])))
        try await store.split(split)
        #expect(try await store.state(of: part) == .recognised)
        #expect(try await store.unsettledDocumentCount(inFamilyOf: document) == 2)
        // Split once: the original left `separated`, a second split is stale.
        try await store.commit(recognised(document))
        var again = split
        again.parts = []
        let error = await #expect(throws: ScanPipelineError.self) { try await store.split(again) }
        #expect(error?.code == .staleState)
        #expect(try await store.eventCount(.documentSplit, batch: Self.batch) == 1)
    }

    func closesBatchesAsTheDecisionSays() async throws {
        let document = try await seedDocument()
        // An input of the batch named as a duplicate: the batch's close counts it from the trail.
        try await store.recordEvents([AuditEntry(
            actor: Self.actor, action: .fileDuplicate, subjects: AuditSubjects(batch: Self.batch, document: document),
            payload: RunAuditPayload.FileDuplicate(path: "/in/again.png", sha256: String(repeating: "a", count: 64),
                                                   existingDocument: document, existingState: "separated", reason: "the same file"))])
        let offered = LockedValue<[OpenBatch]>([])
        try await store.closeBatches { batch in
            offered.withLock { $0.append(batch) }
            return nil
        }
        #expect(offered.withLock { $0 }.map(\.id) == [Self.batch])
        #expect(offered.withLock { $0 }.first?.states == [.separated])
        #expect(offered.withLock { $0 }.first?.duplicates == 1)
        #expect(try await store.openBatches(excluding: "") == [Self.batch])
        try await store.closeBatches { batch in
            BatchClosing.event(closing: batch, current: Self.batch, actor: Self.actor)
        }
        #expect(try await store.openBatches(excluding: "").isEmpty)
        #expect(try await store.eventCount(.batchClosed, batch: Self.batch) == 1)
        #expect(try await store.state(of: document) == .separated)
    }
}

/// A payload whose encoding fails: the commit carrying it must leave nothing behind.
private struct Unencodable: AuditPayload {
    static let actions: [AuditAction] = [.documentRecognised]
    init() {}
    init(from decoder: any Decoder) throws {}
    func encode(to encoder: any Encoder) throws {
        throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "refused on purpose"))
    }
}

/// ``DocumentStoreConformance`` against the embedded SQLite store.
@Suite struct SQLiteDocumentStoreConformanceTests {
    /// A fresh workspace's store for one test; the folder goes when it is done.
    static func withStore(_ body: (DocumentStoreConformance) async throws -> Void) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Workspace(root: folder.url.appendingPathComponent("ws", isDirectory: true), software: "test")
        try await body(DocumentStoreConformance(store: workspace.documents))
    }

    @Test func registersADocumentInItsLifecycleState() async throws { try await Self.withStore { try await $0.registersADocumentInItsLifecycleState() } }
    @Test func commitsAMoveWithItsEvents() async throws { try await Self.withStore { try await $0.commitsAMoveWithItsEvents() } }
    @Test func refusesAStaleState() async throws { try await Self.withStore { try await $0.refusesAStaleState() } }
    @Test func refusesAnUnknownDocument() async throws { try await Self.withStore { try await $0.refusesAnUnknownDocument() } }
    @Test func refusesAnIllegalMove() async throws { try await Self.withStore { try await $0.refusesAnIllegalMove() } }
    @Test func aFailingCommitLeavesNeitherStateNorEvents() async throws {
        try await Self.withStore { try await $0.aFailingCommitLeavesNeitherStateNorEvents() }
    }
    @Test func quarantinesWithTheRowAndEvent() async throws { try await Self.withStore { try await $0.quarantinesWithTheRowAndEvent() } }
    @Test func splitsIntoPartsCreatedAsRecognised() async throws {
        try await Self.withStore { try await $0.splitsIntoPartsCreatedAsRecognised() }
    }
    @Test func closesBatchesAsTheDecisionSays() async throws {
        try await Self.withStore { try await $0.closesBatchesAsTheDecisionSays() }
    }
}
