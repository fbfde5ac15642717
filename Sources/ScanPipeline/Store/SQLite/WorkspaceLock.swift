import Foundation

/// An exclusive lock on a workspace for the length of a run, so that two runs never write the same
/// workspace at once: SQLite's ``WorkQueue`` lease. The kernel releases it when the process ends,
/// however it ends.
final class WorkspaceLock: WorkLease {
    private let descriptor: LockedValue<Int32?>

    init(root: URL) throws {
        let path = root.appendingPathComponent(".lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ScanPipelineError(.workspace, path: path, "cannot create the workspace lock file")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw ScanPipelineError(.lockHeld, path: root.path, "the workspace is in use by another scanctl run")
        }
        self.descriptor = LockedValue(descriptor)
    }

    var isHeld: Bool { descriptor.withLock { $0 != nil } }

    func end() {
        descriptor.withLock { held in
            guard let open = held else { return }
            flock(open, LOCK_UN)
            close(open)
            held = nil
        }
    }

    deinit { end() }
}
