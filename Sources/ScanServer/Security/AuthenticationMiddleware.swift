import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import ScanPipeline

/// Establishes who is asking, on every request: from the session (checked against its idle and
/// absolute timeouts, and against the account as it is now: a disabled user is out at once), or
/// from a trusted proxy's user header. Pages other than the login and the static files need a
/// user: a browser is sent to the login page, and comes back where it wanted to go.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let state: ServerState

    /// Paths served without a user.
    static func isPublic(_ path: String) -> Bool {
        path == "/anmelden" || path.hasPrefix("/static/") || path == "/healthz" || path == "/metrics"
    }

    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        context.path = request.uri.path
        let now = Date()
        let configuration = state.configuration
        var session = context.sessions.session ?? {
            let fresh = WebSession.anonymous(now: now)
            context.sessions.createSession(fresh, expiresIn: configuration.absoluteTimeout)
            return fresh
        }()

        if let proxied = proxyUser(request, context: context), proxied != session.user {
            // The proxy authenticated someone else (or someone): a new session for them.
            let user = try await state.workspace.authenticateFromProxy(proxied, client: context.remoteAddress)
            session = WebSession.anonymous(now: now)
            session.user = user.name
            session.method = user.method
            session.loggedInAt = now
            context.sessions.createSession(session, expiresIn: configuration.absoluteTimeout)
        }

        if let name = session.user {
            let idle = now.timeIntervalSince(session.lastSeen)
            let age = now.timeIntervalSince(session.loggedInAt ?? now)
            var user: AuthenticatedUser?
            if idle <= configuration.idleTimeout.seconds, age <= configuration.absoluteTimeout.seconds {
                user = try? await state.workspace.currentUser(name: name, method: session.method ?? "password")
            }
            if let user {
                context.user = user
                session.lastSeen = now
                let left = min(configuration.idleTimeout.seconds, configuration.absoluteTimeout.seconds - age)
                context.sessionSecondsLeft = Int(left)
                let notice = session.notice
                session.notice = nil
                context.sessions.withLockedSession { data in
                    data?.lastSeen = now
                    data?.notice = nil
                }
                context.notice = notice
            } else {
                // Timed out, or the account was disabled: back to a fresh, anonymous session.
                session = WebSession.anonymous(now: now)
                session.notice = "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."
                context.sessions.createSession(session, expiresIn: configuration.absoluteTimeout)
            }
        }
        context.csrf = session.csrf
        if context.notice == nil, context.user == nil, let notice = session.notice {
            // Shown once, by the login page that follows an expiry (not by the redirect to it).
            context.notice = notice
            if Self.isPublic(request.uri.path) { context.sessions.withLockedSession { data in data?.notice = nil } }
        }

        let path = request.uri.path
        guard context.user != nil || Self.isPublic(path) else {
            if request.method == .get || request.method == .head {
                let target = request.uri.string
                return Response.redirect(to: "/anmelden?weiter=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"),
                                         type: .normal)
            }
            throw ScanServerError(.forbidden, "Bitte melden Sie sich zuerst an.")
        }
        return try await next(request, context)
    }

    private func proxyUser(_ request: Request, context: ServerContext) -> String? {
        guard let client = context.remoteAddress, state.configuration.trustedProxies.contains(client),
              let name = HTTPField.Name(state.configuration.proxyUserHeader),
              let value = request.headers[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value.lowercased()
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: TimeInterval { TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18 }
}
