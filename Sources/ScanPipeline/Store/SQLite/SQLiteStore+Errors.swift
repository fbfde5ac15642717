import Foundation
internal import GRDB

extension SQLiteStore {
    /// A database failure a run stops with: `storage` when the workspace cannot be written (disk
    /// full, read-only, database gone), else `workspace`, with the underlying cause; nil when
    /// `error` is not the database's.
    static func stoppingError(_ error: any Error, workspace: URL) -> ScanPipelineError? {
        guard let database = error as? DatabaseError else { return nil }
        let storage: [ResultCode] = [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_CORRUPT,
                                     .SQLITE_NOTADB]
        if storage.contains(database.resultCode.primaryResultCode) {
            return ScanPipelineError(.storage, path: workspace.appendingPathComponent("scanctl.sqlite").path,
                                     "the workspace database cannot be written (\(database.resultCode)): "
                                     + "\(database.message ?? "")")
        }
        return ScanPipelineError(.workspace, path: workspace.path, "database error: \(database)")
    }
}
