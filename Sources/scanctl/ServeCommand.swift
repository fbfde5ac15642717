import ArgumentParser
import Foundation
import Logging
import ScanPipeline
import ScanServer

extension ScanCtl {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the browser workstation (German) for the mailroom, the Registratur and records managers.",
            discussion: """
                Listens on 127.0.0.1:8080 unless told otherwise: it is meant to sit behind the town hall's \
                TLS reverse proxy, which forwards to it. People log in as scanctl users (see `scanctl user \
                add`); with --trusted-proxy, requests from that proxy address may instead name their user \
                in the Remote-User header (the proxy's single sign-on). Session cookies are Secure: over \
                plain HTTP (a test on loopback) pass --insecure-cookies. SIGTERM or Ctrl-C stops it after \
                the requests in flight.

                Exit codes: 0 stopped, 2 the workspace or plan cannot be used or the address cannot be bound.
                """)

        @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "host:port"))
        var listen = "127.0.0.1:8080"

        @Option(name: .customLong("trusted-proxy"),
                help: ArgumentHelp("A reverse proxy's address whose user header is believed (repeatable).", valueName: "addr"))
        var trustedProxies: [String] = []

        @Option(help: ArgumentHelp("The header a trusted proxy names the user in.", valueName: "name"))
        var proxyUserHeader = "Remote-User"

        @Flag(help: "Session cookies without Secure (plain HTTP on loopback, for tests only).")
        var insecureCookies = false

        @Option(help: ArgumentHelp("Minutes without a request after which a session ends.", valueName: "minutes"))
        var idleMinutes = 30

        @Option(help: ArgumentHelp("Hours after login after which a session ends.", valueName: "hours"))
        var sessionHours = 10

        @Option(name: .customLong("watch"),
                help: ArgumentHelp("Also watch this hot folder in the same process, as scanctl watch does (repeatable; "
                                   + "or --inboxes FILE).", valueName: "folder"))
        var watchFolders: [String] = []

        /// The watchers' options; its --seal-key and --jobs also serve retries from the Quarantäne page.
        @OptionGroup var watch: WatchOptions

        @OptionGroup var planSelection: PlanSelection
        @OptionGroup var workspace: WorkspaceSelection

        func validate() throws {
            _ = try Self.address(listen)
            guard idleMinutes > 0, sessionHours > 0 else { throw ValidationError("--idle-minutes and --session-hours must be positive") }
        }

        static func address(_ text: String) throws -> (host: String, port: Int) {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port),
                  colon > text.startIndex else {
                throw ValidationError("--listen is host:port, e.g. 127.0.0.1:8080")
            }
            return (String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
        }

        func run() async throws {
            let workspace = try self.workspace.open(create: false)
            let plan = try PlanLoading.load(planSelection.path, failing: .unusable)
            let (host, port) = try Self.address(listen)
            if !["127.0.0.1", "::1", "localhost"].contains(host) {
                Terminal.warning("listening on \(host), not loopback: put a TLS proxy in front of it")
            }
            var configuration = ServerConfiguration(
                workspace: workspace.root, host: host, port: port, trustedProxies: Set(trustedProxies), proxyUserHeader: proxyUserHeader,
                secureCookies: !insecureCookies, idleTimeout: .seconds(idleMinutes * 60),
                absoluteTimeout: .seconds(sessionHours * 3600), software: ScanCtlVersion.current)
            var logger = Logger(label: "scanctl.serve")
            logger.logLevel = .info
            let watchers: [InboxWatcher]
            let monitor: WatchMonitor?
            do {
                configuration.sealKey = try SealKey.fromOption(watch.sealKey)
                configuration.retryWorkers = watch.ocr.jobs ?? 1
                let settings: (inboxes: [InboxSettings], mail: MailSettings?) = (watchFolders.isEmpty && watch.inboxes == nil)
                    ? ([], nil) : try watch.settings(folders: watchFolders)
                monitor = settings.inboxes.isEmpty ? nil : WatchMonitor(folders: settings.inboxes.map(\.folder.path))
                watchers = try monitor.map { monitor in
                    try watch.watchers(settings.inboxes, mail: settings.mail, workspace: workspace, plan: plan, monitor: monitor,
                                       logger: logger)
                } ?? []
            } catch let error as ScanPipelineError {
                throw error.reported(refused: .unusable)
            }
            do {
                Terminal.note("scanctl serve: http://\(host):\(port)/ (workspace \(workspace.root.path))")
                for watcher in watchers { Terminal.note("watching \(watcher.inbox.folder.path)") }
                try await ScanServer.run(configuration: configuration, workspace: workspace, plan: plan, watchers: watchers,
                                         monitor: monitor, logger: logger)
            } catch let error as ValidationError {
                throw error
            } catch {
                Terminal.error("cannot serve: \(error)")
                throw ExitStatus.unusable.code
            }
        }
    }
}
