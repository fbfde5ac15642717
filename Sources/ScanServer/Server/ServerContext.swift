import Hummingbird
import HummingbirdAuth
import NIOCore
import ScanPipeline

/// The request context of every route: the session, the client's address and, once the
/// authentication middleware ran, the user.
struct ServerContext: SessionRequestContext, RequestContext {
    typealias Session = WebSession

    var coreContext: CoreRequestContextStorage
    let sessions: SessionContext<WebSession>
    /// The peer's address (the proxy's, behind one).
    let remoteAddress: String?
    /// The logged-in user as the workspace knows them now (role, enabled), set by ``AuthenticationMiddleware``.
    var user: AuthenticatedUser?
    /// The session's CSRF token, for the forms of the page being rendered.
    var csrf: String = ""
    /// The idle timeout's warning: seconds until the session ends, shown by the page.
    var sessionSecondsLeft: Int?
    /// A message carried over a redirect, for the page's status region.
    var notice: String?
    /// The request's path, for the navigation's current page.
    var path: String = "/"

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.sessions = .init()
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The user, or a 403 when the route needs `permission` and the role lacks it.
    func require(_ permission: Permission) throws -> AuthenticatedUser {
        guard let user else { throw HTTPError(.unauthorized) }
        guard user.permits(permission) else {
            throw ScanServerError.forbidden("Ihre Rolle (\(user.role.germanName)) darf das nicht.")
        }
        return user
    }
}
