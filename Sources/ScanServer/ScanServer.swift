public import FilePlan
import Foundation
import Hummingbird
import HummingbirdAuth
public import Logging
public import ScanPipeline

/// `scanctl serve`: the records office's browser workstation. Builds the router (security
/// headers, sessions, authentication, CSRF, then the German pages) on one workspace. Every action
/// calls the same ScanPipeline functions as the CLI.
public enum ScanServer {
    /// Serves until SIGTERM or SIGINT, then finishes the requests in flight.
    public static func run(configuration: ServerConfiguration, workspace: Workspace, plan: FilePlan,
                           hasher: any PasswordHasher = BcryptHasher(), logger: Logger) async throws {
        let application = try await application(configuration: configuration, workspace: workspace, plan: plan,
                                                hasher: hasher, logger: logger)
        try await application.runService()
    }

    /// The application, ready to `runService()`.
    static func application(configuration: ServerConfiguration, workspace: Workspace, plan: FilePlan,
                                   hasher: any PasswordHasher = BcryptHasher(), logger: Logger)
        async throws -> some ApplicationProtocol {
        let router = try await router(configuration: configuration, workspace: workspace, plan: plan, hasher: hasher)
        return Application(router: router,
                           configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                                serverName: "scanctl"),
                           logger: logger)
    }

    /// The router on its own: what the in-process tests drive.
    static func router(configuration: ServerConfiguration, workspace: Workspace, plan: FilePlan,
                       hasher: any PasswordHasher) async throws -> Router<ServerContext> {
        let state = ServerState(configuration: configuration, workspace: workspace, plan: plan, hasher: hasher,
                                pages: try await PageRenderer(), throttle: LoginThrottle())
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
        ApprovalRoutes(state: state).add(to: router)
        QuarantineRoutes(state: state).add(to: router)
        AuditRoutes(state: state).add(to: router)
        PlanRoutes(state: state, search: try PlanSearch(plan: plan)).add(to: router)
        return router
    }
}
