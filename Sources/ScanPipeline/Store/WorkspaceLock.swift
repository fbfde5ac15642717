import Foundation

/// An exclusive lock on a workspace for the length of a run, so that two runs never write the same
/// workspace at once. The kernel releases it when the process ends, however it ends.
final class WorkspaceLock: Sendable {
    private let descriptor: Int32

    init(root: URL) throws {
        let path = root.appendingPathComponent(".lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ScanPipelineError(.workspace, path: path, "cannot create the workspace lock file")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw ScanPipelineError(.workspace, path: root.path, "the workspace is in use by another scanctl run")
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
