/// Where a document is in the pipeline (DESIGN.md contract 2). Each transition is committed, with
/// its audit event, before the next stage relies on it; which transitions exist is
/// ``DocumentLifecycle``'s to say.
public enum DocumentState: String, Sendable, Codable, CaseIterable {
    /// The source file is hashed and registered.
    case ingested
    /// Its pages are known (for now: one source file is one document).
    case separated
    /// Every page is recognised.
    case recognised
    /// The classification is stored.
    case classified
    /// The record is written and filed automatically.
    case filed
    /// The record is written, filed provisionally and waiting for a records manager.
    case needsReview = "needs-review"
    /// Exported to a DMS format.
    case exported
    /// Kept aside with the reason; not a record.
    case quarantined
    /// Quarantined, then closed by a person with a reason (returned to the sender, not needed):
    /// never a record, unless someone retries it after all.
    case released
    /// Quarantined, then run through the pipeline again as another document (the same file or a
    /// replacement): that document carries on, this one is closed.
    case retried
    /// Found in review not to be a record (nicht aktenrelevant), with the reason; never exported,
    /// and the end of its life in the workspace. Its files stay, as the trail's evidence.
    case discarded
    /// Its retention ended and it is listed in an Anbieteverzeichnis (xdomea 0501) sent to the
    /// archive: it waits for the archive's Bewertung and changes no more.
    case offered
    /// Judged archivwürdig and sent to the archive in an Aussonderung (xdomea 0503): it waits for
    /// the archive's import confirmation.
    case handedOver = "handed-over"
    /// The archive confirmed it imported the record: the archive keeps it; the local files are
    /// removed by the deletion protocol, the audit trail stays.
    case archived
    /// Destroyed at the end of retention (V, or judged kassabel by the archive) with a deletion
    /// protocol: its files are removed, its audit trail stays.
    case disposed

    /// A run has nothing more to do for a document in this state.
    public var isSettled: Bool {
        [.filed, .needsReview, .exported, .quarantined, .released, .retried, .discarded, .offered, .handedOver, .archived, .disposed]
            .contains(self)
    }

    /// Whether the record's files left the workspace for good (handed to the archive and
    /// confirmed, or destroyed): their absence is the deletion protocol's doing, not tampering.
    public var recordFilesRemoved: Bool { self == .archived || self == .disposed }

    /// Quarantined at some point and not (yet) superseded by anything: open, released or retried.
    public var isQuarantine: Bool { [.quarantined, .released, .retried].contains(self) }
}

extension DocumentState {
    /// The other states a document may move to from this one (``DocumentLifecycle`` says by which
    /// event).
    public var successors: Set<DocumentState> { DocumentLifecycle.successors(of: self).subtracting([self]) }
}
