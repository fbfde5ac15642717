import ScanPipeline
import ServiceLifecycle

/// One hot-folder watcher as a service of the process's service group: SIGTERM or SIGINT asks it
/// to stop (the batch in progress stops at its next page, committed), then it returns.
struct WatchService: Service {
    let watcher: InboxWatcher

    func run() async throws {
        let stop = RunStop()
        try await withGracefulShutdownHandler {
            try await watcher.run(until: stop)
        } onGracefulShutdown: {
            stop.request()
        }
    }
}
