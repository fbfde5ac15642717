public import Foundation

/// A scanctl workspace: `scanctl.sqlite` (state and audit trail), `records/`, `quarantine/`, `models/`,
/// `transfervermerke/` and `work/` under one folder.
///
/// State and audit trail are in its store (``SQLiteStore``, `scanctl.sqlite`).
public final class Workspace: Sendable {
    public let root: URL
    /// Where state and audit trail live; only the store's implementation speaks SQL.
    let store: SQLiteStore
    /// The scanctl version that opened the workspace, for the events it records on its own (a
    /// record file found changed).
    let software: String

    public var databasePath: String { root.appendingPathComponent("scanctl.sqlite").path }
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
        let databasePath = self.root.appendingPathComponent("scanctl.sqlite").path
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
