import ArgumentParser
import Foundation
import Logging
import ScanPipeline
import ScanServer

extension ScanCtl {
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch hot folders and run what the scanners drop there, unattended.",
            discussion: """
                Every folder is looked at every --poll-seconds. A file is taken only when it is complete: \
                its size and time unchanged for --settle-seconds and no temporary or lock name (.tmp, \
                .part, .crdownload, ~$…, .~lock…#, hidden names), or, with --ready-marker, once NAME.ready \
                is beside it. What arrives together becomes one batch, once nothing new arrived for \
                --quiet-seconds (never an empty batch); it runs as scanctl run would, with the folder's \
                profile, operator and Schutzbedarf. After the batch has committed, each file moves to \
                done/YYYY-MM-DD/ (filed, in review, or already in the workspace) or failed/YYYY-MM-DD/ \
                (quarantined, not processed) beside the folder; nothing is deleted. A bad file never stops \
                the watcher.
                SIGTERM or Ctrl-C stops it at the next page: what was committed stays, what was not started \
                stays in the folder, and the next start completes the rest. A kill -9 loses nothing either: \
                a file is moved only after its commit, and one seen again is recognised.
                Runs in the foreground (for systemd: contrib/scanctl-watch.service). /healthz and /metrics \
                (Prometheus) are served on --listen. With --notify-smtp, a batch with quarantined files, \
                pages to rescan or unfinished documents sends a notice by e-mail.
                Exit codes: 0 stopped on request; 2 a folder or the workspace cannot be used; 64 invalid arguments.
                """)

        @Argument(help: ArgumentHelp("Hot folders to watch (or give --inboxes FILE).", valueName: "folder"))
        var folders: [String] = []

        @OptionGroup var workspace: WorkspaceSelection
        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var watch: WatchOptions

        @Option(help: ArgumentHelp("Serve /healthz and /metrics here.", valueName: "host:port"))
        var listen = "127.0.0.1:9464"

        @Flag(help: "Serve no /healthz and /metrics.")
        var noListen = false

        @Flag(help: "Print each batch as one line of JSON on standard output (its summary and where each file went).")
        var json = false

        func validate() throws {
            if folders.isEmpty, watch.inboxes == nil { throw ValidationError("name the folders to watch, or --inboxes FILE") }
            if !noListen { _ = try ScanCtl.Serve.address(listen) }
        }

        func run() async throws {
            let settings = try watch.settings(folders: folders)
            let workspace = try self.workspace.open(create: true)
            let plan = try PlanLoading.load(planSelection.path, failing: .unusable)
            var logger = Logger(label: "scanctl.watch")
            logger.logLevel = .info
            let monitor = WatchMonitor(folders: settings.inboxes.map(\.folder.path))
            let watchers: [InboxWatcher]
            do {
                watchers = try watch.watchers(settings.inboxes, mail: settings.mail, workspace: workspace, plan: plan,
                                              monitor: monitor, logger: logger, printBatches: json)
            } catch let error as ScanPipelineError {
                throw error.reported(refused: .unusable)
            }
            let address = noListen ? nil : try ScanCtl.Serve.address(listen)
            for inbox in settings.inboxes {
                Terminal.note("watching \(inbox.folder.path) → \(inbox.doneFolder.path), \(inbox.failedFolder.path)"
                              + (inbox.readyMarker ? " (with .ready markers)" : ""))
            }
            if let address { Terminal.note("health and metrics: http://\(address.host):\(address.port)/healthz, /metrics") }
            do {
                try await ScanServer.watch(watchers, workspace: workspace, monitor: monitor, listen: address, logger: logger)
            } catch let error as ScanPipelineError {
                throw error.reported(refused: .unusable)
            } catch {
                Terminal.error("scanctl watch stopped: \(error)")
                throw ExitStatus.unusable.code
            }
        }
    }
}
