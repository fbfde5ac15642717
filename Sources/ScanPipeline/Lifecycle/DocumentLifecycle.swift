/// The per-document lifecycle as a pure state machine (in the manner of swift-async-algorithms'
/// `…StateMachine`s): events in, the next state and what the driver must do next out, no I/O.
///
/// Every move the pipeline, review, export and quarantine make is computed here first and then
/// committed by the store together with its audit events, guarded by the state it was computed
/// from (``DocumentTransition``). A move the lifecycle does not allow, and a move to the state a
/// document is already in, is refused with `illegal-transition`; the few events that leave a
/// document where it is (a filed record placed anew by a review, a record exported again) are
/// named as such.
///
/// ```
///  file ─► ingested ─► separated ─► recognised ─► classified ─┬─► filed ◄──────► exported
///                │          │  split part ─┘        │         └─► needs-review ─┘
///                │          │                       │                 filed, needs-review ─► discarded
///                │          │                       │                 filed, needs-review ─(rescanned)─► needs-review
///                └──────────┴───────────────────────┴─► quarantined ─► released ─► retried
///                                                            └──────────────────────┘
///  Aussonderung at the end of retention (filed or exported records only):
///  filed, exported ─(offered, 0501)─► offered ─(handed over, 0503)─► handed-over ─(archived, 0506)─► archived
///  filed, exported, offered (judged kassabel) ─(disposed, Löschprotokoll)─► disposed
/// ```
public struct DocumentLifecycle: Sendable, Equatable {
    /// How a document comes into being.
    public enum Origin: Sendable, Equatable {
        /// A source file, hashed and registered.
        case sourceFile
        /// A part split from another document at a separator sheet: its pages are recognised.
        case splitPart
        /// A file that could not be read far enough to have pages (bad header, not a scan): it is
        /// registered as quarantined so that it can be listed, retried or released.
        case unreadableFile
    }

    /// What happened to the document.
    public enum Event: String, Sendable, Equatable, CaseIterable {
        /// Its pages are known (the source file is one document until separator sheets split it).
        case separated
        /// Every page is recognised.
        case recognised
        /// The classifier's placement is stored.
        case classified
        /// Its record is written and filed automatically.
        case filed
        /// Its record is written, filed provisionally and held for a records manager.
        case heldForReview
        /// A review placed it (accepted or reclassified).
        case reviewed
        /// Its record went to a DMS format.
        case exported
        /// A review found it not worth keeping as a record (nicht aktenrelevant: advertising, a
        /// receipt of no record value, a duplicate), with the reason.
        case discarded
        /// It was put aside with the reason.
        case quarantined
        /// A person closed its quarantine with a reason.
        case released
        /// Its file went through the pipeline again as another document.
        case retried
        /// Pages of its record were replaced by a rescan: it goes (back) to review, so that a
        /// person looks at the new pages and the new suggestion.
        case rescanned
        /// Its retention ended and it was offered to the archive (Anbieteverzeichnis, 0501).
        case offered
        /// Judged archivwürdig, it was sent to the archive (Aussonderung, 0503).
        case handedOver
        /// The archive confirmed its import (0506): the archive keeps it from now on.
        case archived
        /// Destroyed at the end of retention with a deletion protocol (V, or judged kassabel).
        case disposed
    }

    /// What the driver does next for a document in a state.
    public enum Action: Sendable, Equatable {
        /// Register its pages (a newly ingested file).
        case separate
        /// Recognise the pages not yet recognised, then look for separator sheets.
        case recognisePages
        /// Classify it from its recognised text.
        case classify
        /// Write its record from the stored classification.
        case writeRecord
        /// Rewrite its record's metadata after a review.
        case rewriteRecord
        /// Nothing: a run is done with it.
        case none
    }

    /// Where the document is now.
    public private(set) var state: DocumentState

    /// A new document, in the state its origin gives it.
    public init(origin: Origin) {
        state = Self.initialState(origin)
    }

    /// A document read back from the store (a run resumed after a kill carries on from here).
    public init(resumingAt state: DocumentState) {
        self.state = state
    }

    public static func initialState(_ origin: Origin) -> DocumentState {
        switch origin {
        case .sourceFile: .ingested
        case .splitPart: .recognised
        case .unreadableFile: .quarantined
        }
    }

    /// Applies `event`: the state moves, and the action for the new state is returned. Refuses,
    /// without moving, an event the current state does not allow.
    @discardableResult
    public mutating func handle(_ event: Event) throws(ScanPipelineError) -> Action {
        state = try Self.target(of: event, from: state)
        return Self.action(after: event, in: state)
    }

    /// What a run does next with a document in `state`: how a run resumes after a kill at any step.
    public static func nextAction(in state: DocumentState) -> Action {
        switch state {
        case .ingested: .separate
        case .separated: .recognisePages
        case .recognised: .classify
        case .classified: .writeRecord
        case .filed, .needsReview, .exported, .quarantined, .released, .retried, .discarded, .offered, .handedOver, .archived,
             .disposed: .none
        }
    }

    /// The state `event` leads to from `state`, or `illegal-transition`.
    public static func target(of event: Event, from state: DocumentState) throws(ScanPipelineError) -> DocumentState {
        let next: DocumentState? = switch (state, event) {
        case (.ingested, .separated): .separated
        case (.separated, .recognised): .recognised
        case (.recognised, .classified): .classified
        case (.classified, .filed): .filed
        case (.classified, .heldForReview): .needsReview
        // A review files a document held for it, or places a filed or exported one anew (to be
        // exported again): the record changes, a filed one stays filed.
        case (.needsReview, .reviewed), (.filed, .reviewed), (.exported, .reviewed): .filed
        // A filed record, once exported, is exported; exported again (another format or folder) it
        // stays so. A provisional record may be exported too, and still waits for its review.
        case (.filed, .exported), (.exported, .exported): .exported
        case (.needsReview, .exported): .needsReview
        // Nicht aktenrelevant: a record in review or filed may be discarded, for good. One that
        // went to a DMS is the DMS's to dispose of: discarding it here would leave the two apart.
        case (.needsReview, .discarded), (.filed, .discarded): .discarded
        // Anything the pipeline cannot take further is put aside; a settled record never is.
        case (.ingested, .quarantined), (.separated, .quarantined), (.recognised, .quarantined),
             (.classified, .quarantined): .quarantined
        // Quarantine is not a dead end: a retry hands the file to a new document, a release closes
        // it; a released file can still be retried by someone who finds it is needed after all.
        case (.quarantined, .released): .released
        case (.quarantined, .retried), (.released, .retried): .retried
        // A record not yet handed to a DMS may get better pages; what went out stays as it went.
        case (.filed, .rescanned), (.needsReview, .rescanned): .needsReview
        // Aussonderung: only settled records (filed, or exported to a DMS) are offered to the
        // archive; one in review is not yet a record anyone may hand on. What the archive judged
        // archivwürdig is handed over, and archived once the archive confirms its import.
        case (.filed, .offered), (.exported, .offered): .offered
        case (.offered, .handedOver): .handedOver
        case (.handedOver, .archived): .archived
        // Destroyed: a V record whose retention ended (never offered), or one the archive judged
        // kassabel. A record handed over belongs to the archive from then on.
        case (.filed, .disposed), (.exported, .disposed), (.offered, .disposed): .disposed
        default: nil
        }
        guard let next else {
            throw ScanPipelineError(.illegalTransition, "a document that is \(state.rawValue) cannot be \(event.description)")
        }
        if next == state && !event.keepsStateWhereAllowed {
            throw ScanPipelineError(.illegalTransition, "a document that is \(state.rawValue) is already \(next.rawValue)")
        }
        return next
    }

    /// Whether `event` is allowed in `state`.
    public static func allows(_ event: Event, in state: DocumentState) -> Bool {
        (try? target(of: event, from: state)) != nil
    }

    /// The states a document may move to from `state` (by any event; its own state only where an
    /// event keeps it there on purpose).
    public static func successors(of state: DocumentState) -> Set<DocumentState> {
        Set(Event.allCases.compactMap { try? target(of: $0, from: state) })
    }

    static func action(after event: Event, in state: DocumentState) -> Action {
        event == .reviewed || event == .discarded ? .rewriteRecord : nextAction(in: state)
    }
}

extension DocumentLifecycle.Event: CustomStringConvertible {
    public var description: String {
        switch self {
        case .separated: "separated"
        case .recognised: "recognised"
        case .classified: "classified"
        case .filed: "filed"
        case .heldForReview: "held for review"
        case .reviewed: "reviewed"
        case .exported: "exported"
        case .discarded: "discarded as nicht aktenrelevant"
        case .quarantined: "quarantined"
        case .released: "released from quarantine"
        case .retried: "retried"
        case .rescanned: "rescanned"
        case .offered: "offered to the archive"
        case .handedOver: "handed over to the archive"
        case .archived: "archived"
        case .disposed: "disposed of"
        }
    }

    /// Events that may leave a document in the state it is in: a review of a filed record, an
    /// export of an exported or provisional one. No other event may.
    var keepsStateWhereAllowed: Bool { self == .reviewed || self == .exported || self == .rescanned }
}
