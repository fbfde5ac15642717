public import Foundation

/// A scanctl workspace: `scanctl.sqlite` (state and audit trail), `records/`, `quarantine/`, `models/`,
/// `transfervermerke/` and `work/` under one folder.
///
/// State and audit trail are in its store: ``SQLiteStore`` (`scanctl.sqlite` in the folder, the
/// embedded default) or a shared database (PostgreSQL, from the ScanStorePostgres target) with the
/// folder as its file store, which several hosts mount; each host then keeps its page files in a
/// scratch folder of its own.
public final class Workspace: Sendable {
    public let root: URL
    /// Where state and audit trail live; only the store's implementation speaks SQL.
    let store: any WorkspaceStore
    /// The scanctl version that opened the workspace, for the events it records on its own (a
    /// record file found changed).
    let software: String

    /// Where page files of documents in progress are kept: `work/` in the workspace, or a worker's
    /// own scratch folder on a shared store.
    let workFolder: URL
    /// Names the database in messages: the SQLite file's path, or the shared database's URL
    /// without its password.
    public let databasePath: String
    /// The queue workers claim documents from, when the store is shared by several hosts.
    package var documentQueue: (any DocumentQueue)? { store as? any DocumentQueue }
    /// Whether several hosts may work on this workspace at once (a shared store).
    public var isShared: Bool { documentQueue != nil }
    public var recordsFolder: URL { root.appendingPathComponent("records", isDirectory: true) }
    public var quarantineFolder: URL { root.appendingPathComponent("quarantine", isDirectory: true) }
    /// The audit trail's head outside the database (``AuditHeadFile``).
    public var auditHeadFile: URL { root.appendingPathComponent(AuditHeadFile.fileName) }
    /// Trained classification models, `<sha256>.json`; the newest `model.trained` event says which is in use.
    public var modelsFolder: URL { root.appendingPathComponent("models", isDirectory: true) }

    /// Opens the workspace at `root`, creating it when `create` is set, and brings the schema up to
    /// date.
    public init(root: URL, create: Bool = true, software: String = "unknown") throws {
        self.root = root.standardizedFileURL
        self.software = software
        workFolder = self.root.appendingPathComponent("work", isDirectory: true)
        let databasePath = self.root.appendingPathComponent("scanctl.sqlite").path
        self.databasePath = databasePath
        let fileManager = FileManager.default
        if !create && !fileManager.fileExists(atPath: databasePath) {
            throw ScanPipelineError(.workspace, path: self.root.path, "no scanctl workspace here (no scanctl.sqlite); name it with --workspace DIR")
        }
        do {
            for folder in ["records", "quarantine", "models"] {
                try fileManager.createDirectory(at: self.root.appendingPathComponent(folder, isDirectory: true),
                                                withIntermediateDirectories: true)
            }
            store = try SQLiteStore(path: databasePath, headFile: self.root.appendingPathComponent(AuditHeadFile.fileName))
        } catch let error as ScanPipelineError {
            throw error
        } catch {
            throw ScanPipelineError(.workspace, path: databasePath, "cannot open the workspace database: \(error)")
        }
    }

    /// Opens a workspace whose state is in a shared `store`, its files in the folder `files`
    /// (records, quarantine, models, Transfervermerke: a mount every host shares) and this host's
    /// page files in `scratch` (default: `work/` under `files`).
    package init(store: any WorkspaceStore, files: URL, scratch: URL? = nil, describedAs database: String,
                 software: String = "unknown") throws {
        root = files.standardizedFileURL
        self.software = software
        self.store = store
        databasePath = database
        workFolder = (scratch ?? root.appendingPathComponent("work", isDirectory: true)).standardizedFileURL
        do {
            for folder in ["records", "quarantine", "models", "sources"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder, isDirectory: true),
                                                        withIntermediateDirectories: true)
            }
            try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        } catch {
            throw ScanPipelineError(.workspace, path: root.path, "cannot create the workspace's folders: \(error)")
        }
    }

    /// Documents an interrupted run left before their record was written.
    public func unsettledDocumentCount() async throws -> Int {
        try await documents.unsettledDocumentCount()
    }

    /// Checks the audit trail's hash chain.
    public func verifyAuditTrail() async throws -> AuditTrail.Verification {
        try await auditLog.verifyChain()
    }

    /// Audit events in order, optionally about one document or batch.
    public func auditEvents(document: String? = nil, batch: String? = nil, limit: Int? = nil) async throws -> [AuditEvent] {
        try await auditLog.events(AuditEventQuery(document: document, batch: batch, limit: limit))
    }
}
