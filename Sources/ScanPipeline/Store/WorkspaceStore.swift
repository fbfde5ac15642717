/// Everything a workspace keeps in its store, as one protocol: what a backend implements to hold a
/// workspace (SQLite today, ``SQLiteStore``; PostgreSQL next). Each member protocol states its
/// own contract; together they are the whole of the state and the audit trail, so that the
/// pipeline, review, export and the report never depend on one backend.
package protocol WorkspaceStore: DocumentStore, WorkQueue, AuditLog, ReviewStore, QuarantineLedger, ExportLedger,
    RecordIntegrityLedger, ModelLedger, ReportReadModel, TransfervermerkReadModel, UserStore, RetentionLedger,
    QualityLedger, RescanLedger {}

extension SQLiteStore: WorkspaceStore {}
