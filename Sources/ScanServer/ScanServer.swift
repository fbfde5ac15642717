public import FilePlan
import Foundation
import Hummingbird
import HummingbirdAuth
public import Logging
public import ScanPipeline
import ServiceLifecycle
import UnixSignals

/// `scanctl serve`: the records office's browser workstation. Builds the router (security
/// headers, sessions, authentication, CSRF, then the German pages) on one workspace. Every action
/// calls the same ScanPipeline functions as the CLI.
public enum ScanServer {
    /// Serves until SIGTERM or SIGINT, then finishes the requests in flight; with `watchers`, also
    /// watches their hot folders in the same process (a small town hall's one service), each
    /// stopping its batch at the next page.
    public static func run(configuration: ServerConfiguration, workspace: Workspace, plan: FilePlan,
                           hasher: any PasswordHasher = BcryptHasher(), watchers: [InboxWatcher] = [],
                           monitor: WatchMonitor? = nil, logger: Logger) async throws {
        let application = try await application(configuration: configuration, workspace: workspace, plan: plan,
                                                hasher: hasher, monitor: monitor, gate: watchers.first?.gate ?? WatchRunGate(),
                                                logger: logger)
        try await runGroup([application] + watchers.map { WatchService(watcher: $0) }, logger: logger)
    }

    /// `scanctl watch`: the watchers, and `/healthz` and `/metrics` on `host:port` when given.
    public static func watch(_ watchers: [InboxWatcher], workspace: Workspace, monitor: WatchMonitor,
                             listen: (host: String, port: Int)?, logger: Logger) async throws {
        var services: [any Service] = watchers.map { WatchService(watcher: $0) }
        if let listen {
            let router = Router()
            let poll = watchers.map(\.inbox.pollSeconds).max() ?? 1
            MonitoringRoutes<BasicRequestContext>(workspace: workspace, monitor: monitor, healthySeconds: max(30, poll * 10))
                .add(to: router)
            services.append(Application(router: router,
                                        configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "scanctl"),
                                        logger: logger))
        }
        try await runGroup(services, logger: logger)
    }

    private static func runGroup(_ services: [any Service], logger: Logger) async throws {
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The application, ready to run as a service.
    static func application(configuration: ServerConfiguration, workspace: Workspace, plan: FilePlan,
                            hasher: any PasswordHasher = BcryptHasher(), monitor: WatchMonitor? = nil,
                            gate: WatchRunGate = WatchRunGate(), logger: Logger) async throws -> some ApplicationProtocol {
        let router = try await router(configuration: configuration, workspace: workspace, plan: plan, hasher: hasher,
                                      monitor: monitor, gate: gate)
        return Application(router: router,
                           configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                                serverName: "scanctl"),
                           logger: logger)
    }

    /// The router on its own: what the in-process tests drive.
    static func router(configuration: ServerConfiguration, workspace: Workspace, plan: FilePlan,
                       hasher: any PasswordHasher, monitor: WatchMonitor? = nil,
                       gate: WatchRunGate = WatchRunGate()) async throws -> Router<ServerContext> {
        let state = ServerState(configuration: configuration, workspace: workspace, plan: plan, hasher: hasher,
                                pages: try await PageRenderer(), throttle: LoginThrottle(), runGate: gate)
        let router = Router(context: ServerContext.self)
        router.addMiddleware {
            SecurityHeadersMiddleware<ServerContext>(hsts: configuration.secureCookies)
            // Twice: the outer one for what fails before a user is known, the inner one so that
            // every later refusal is a page with the user's navigation.
            ErrorPageMiddleware(pages: state.pages)
            SessionMiddleware<ServerContext>(
                storage: MemoryPersistDriver(),
                configuration: .init(sessionCookieParameters: .init(name: configuration.sessionCookieName, path: "/",
                                                                    secure: configuration.secureCookies, sameSite: .strict),
                                     defaultSessionExpiration: configuration.absoluteTimeout))
            AuthenticationMiddleware(state: state)
            ErrorPageMiddleware(pages: state.pages)
            CSRFMiddleware()
        }
        try StaticRoutes().add(to: router)
        LoginRoutes(state: state).add(to: router)
        InboxRoutes(state: state).add(to: router)
        QueueRoutes(state: state).add(to: router)
        BulkRoutes(state: state).add(to: router)
        DocumentRoutes(state: state).add(to: router)
        RescanRoutes(state: state).add(to: router)
        QualityRoutes(state: state).add(to: router)
        ApprovalRoutes(state: state).add(to: router)
        QuarantineRoutes(state: state).add(to: router)
        AuditRoutes(state: state).add(to: router)
        PlanRoutes(state: state, search: try PlanSearch(plan: plan)).add(to: router)
        MonitoringRoutes<ServerContext>(workspace: workspace, monitor: monitor, healthySeconds: 60).add(to: router)
        return router
    }
}
