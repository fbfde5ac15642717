import Foundation

/// Aussonderung and disposal at the end of retention, as the store keeps them: which records were
/// offered to the archive in which process (xdomea ProzessID), what the archive judged, what was
/// handed over and confirmed, and which records were destroyed.
///
/// Contract for a backend:
/// - Every `record…` call applies its ``RetentionMove``s guarded by each document's
///   `expectedState` (else `stale-state`, or `unknown-id` for a document not in the workspace),
///   changes the process's rows and appends the events, all in one transaction or not at all.
/// - ``recordOffer(_:)`` creates the process; an existing process id is refused (`aussonderung`).
/// - ``recordEvaluation(process:decisions:events:)`` sets the decision (A archivwürdig, V kassabel)
///   of offered records of the process; a record not in the process is refused (`aussonderung`).
/// - ``removedRecordFolders()`` lists the documents whose files left the workspace for good
///   (archived, disposed) with their record folders, so that a removal a crash interrupted after
///   its commit is completed.
package protocol RetentionLedger: Sendable {
    func aussonderungen() async throws -> [AussonderungProcess]
    func recordOffer(_ offer: AussonderungOffer) async throws
    func recordEvaluation(process: String, decisions: [String: String], events: [AuditEntry]) async throws
    /// Moves the handed-over records and notes the 0503's file name.
    func recordHandover(process: String, message: String, moves: [RetentionMove], events: [AuditEntry]) async throws
    /// Moves confirmed records (0506) and appends the receipt's events.
    func recordConfirmation(process: String, moves: [RetentionMove], events: [AuditEntry]) async throws
    func recordDisposal(_ move: RetentionMove, event: AuditEntry) async throws
    func removedRecordFolders() async throws -> [(id: String, folder: String)]
}

extension Workspace {
    var retentionLedger: any RetentionLedger { store }
}

/// A document's move in Aussonderung or disposal, computed by ``DocumentLifecycle``.
package struct RetentionMove: Sendable, Equatable {
    package var document: String
    package var expectedState: DocumentState
    package var state: DocumentState
}

/// A new Aussonderung process: the 0501 written, its records moved to `offered`.
package struct AussonderungOffer: Sendable {
    package struct Record: Sendable {
        package var document: String
        /// The Schriftgutobjekt (Akte) the message lists it in.
        package var akte: String
        /// A or B, as the plan says.
        package var offeredAs: String
    }

    package var process: String
    package var createdAt: String
    package var sender: String
    package var recipient: String
    package var message: String
    package var records: [Record]
    package var moves: [RetentionMove]
    package var events: [AuditEntry]
}

/// One Aussonderung process as the store has it.
public struct AussonderungProcess: Sendable, Equatable, Codable {
    public struct Record: Sendable, Equatable, Codable {
        public var document: String
        public var batch: String
        public var akte: String
        public var offeredAs: String
        /// A (archivwürdig) or V (kassabel) once the archive's Bewertung was read.
        public var decision: String?
        public var state: DocumentState

        package init(document: String, batch: String, akte: String, offeredAs: String, decision: String? = nil,
                     state: DocumentState) {
            self.document = document
            self.batch = batch
            self.akte = akte
            self.offeredAs = offeredAs
            self.decision = decision
            self.state = state
        }
    }

    public var process: String
    public var createdAt: String
    public var sender: String
    public var recipient: String
    public var offeredMessage: String
    public var handedOverMessage: String?
    public var records: [Record]

    package init(process: String, createdAt: String, sender: String, recipient: String, offeredMessage: String,
                 handedOverMessage: String? = nil, records: [Record]) {
        self.process = process
        self.createdAt = createdAt
        self.sender = sender
        self.recipient = recipient
        self.offeredMessage = offeredMessage
        self.handedOverMessage = handedOverMessage
        self.records = records
    }
}
