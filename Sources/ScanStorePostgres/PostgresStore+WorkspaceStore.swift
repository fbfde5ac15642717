package import ScanPipeline

/// The shared store holds a whole workspace, and hands its documents out to workers on several hosts.
extension PostgresStore: WorkspaceStore {}
