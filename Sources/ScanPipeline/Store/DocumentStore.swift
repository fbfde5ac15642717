/// Where documents, their pages, their batches and the audit events of their moves are kept: the
/// pipeline's view of the store. SQLite implements it today (``SQLiteStore``); a second backend
/// implements the same methods and passes the same conformance suite.
///
/// The contract a backend keeps:
/// - **One transaction per method.** A write method commits everything it is given (rows, column
///   changes, audit events in the order given) or nothing; a read sees one consistent snapshot.
/// - **Guarded moves.** A ``DocumentTransition`` is committed only while the document is still in
///   the state it was computed from: otherwise `stale-state` (`unknown-id` when there is no such
///   document), and nothing of it is written. Which moves exist is ``DocumentLifecycle``'s to say,
///   never the store's.
/// - **Events in the same transaction.** Audit events are appended to the one hash chain inside the
///   transaction of the change they record, after the rows they describe, in the order given.
/// - **Decisions stay outside.** Where a write depends on what is read in its transaction, the
///   store hands typed values to pure domain code (a closure or a value's method) and writes what
///   it returns; no backend type crosses the protocol.
package protocol DocumentStore: Sendable {
    // MARK: Moves

    /// Commits `transition` (state, changed columns, events) if the document is still in its `from`.
    func commit(_ transition: DocumentTransition) async throws
    /// Commits a move to quarantine together with the row saying where the file was kept.
    func quarantine(_ transition: DocumentTransition, copy: QuarantineCopy) async throws
    /// Registers an input file: its source row, its document, its quarantine row, its events and the
    /// closure of the quarantined documents it retries, in one transaction.
    func register(_ registration: DocumentRegistration) async throws
    /// Creates the parts split from a document (in their origin's state), moves their pages to them
    /// and appends the events; refused with `stale-state` when the original left `separated`.
    func split(_ split: DocumentSplit) async throws
    /// Appends events that change no row (a duplicate, a skipped entry).
    func recordEvents(_ events: [AuditEntry]) async throws

    // MARK: Documents

    /// The document's state, nil when there is no such document.
    func state(of document: String) async throws -> DocumentState?
    /// The stored classification, nil when there is none (or it does not decode).
    func classification(of document: String) async throws -> Classification?
    /// Documents not settled (a run was interrupted), in the order they were created.
    func unsettledDocuments() async throws -> [UnsettledDocument]
    func unsettledDocumentCount() async throws -> Int
    /// Documents of the split family `root` (itself and its parts) that are not settled.
    func unsettledDocumentCount(inFamilyOf root: String) async throws -> Int
    /// The documents of a source file, in the order they were created, with their quarantine closure.
    func documents(fromSource sha256: String) async throws -> [SourceDocument]
    /// What was recorded of a source file.
    func sourceFile(_ sha256: String) async throws -> SourceFacts?
    /// Other documents given this Aktenzeichen (an Akte delivered twice), with their states.
    func documents(withAktenzeichen aktenzeichen: String, except document: String) async throws -> [(id: String, state: DocumentState?)]

    // MARK: Pages

    /// Stores a recognised page with its events.
    func storePage(_ page: StoredPage, wordCount: Int, of document: String, events: [AuditEntry]) async throws
    /// The document's pages in page order.
    func pages(of document: String) async throws -> [StoredPage]
    func pageNumbers(of document: String) async throws -> [Int]
    /// Forgets pages whose page files are gone, so that they are recognised again.
    func forgetPages(_ numbers: Set<Int>, of document: String) async throws
    /// Whether the document is in `state` and has a separator page.
    func hasSeparatorPages(_ document: String, whileIn state: DocumentState) async throws -> Bool

    // MARK: Batches

    /// Opens a batch with its `batch.opened` event.
    func openBatch(_ batch: BatchOpening, event: AuditEntry) async throws
    /// Offers every open batch, oldest first, to `decide`; closes those it returns an event for,
    /// appending the event, in one transaction (each offer sees the trail's head after the previous
    /// close).
    func closeBatches(_ decide: @escaping @Sendable (OpenBatch) -> AuditEntry?) async throws
    /// Open batches other than `batch`: batches a kill left open.
    func openBatches(excluding batch: String) async throws -> Set<String>
    /// Quarantined documents of those of `batches` that are closed.
    func quarantinedDocuments(inClosedBatches batches: Set<String>) async throws -> [String]
    /// How many events of `action` name `batch`.
    func eventCount(_ action: AuditAction, batch: String) async throws -> Int
}

extension Workspace {
    /// The workspace's documents, pages and batches.
    var documents: any DocumentStore { store }
}
