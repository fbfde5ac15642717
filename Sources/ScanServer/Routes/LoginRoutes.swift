import Foundation
import Hummingbird
import HummingbirdAuth
import ScanPipeline

/// Login and logout. A login gets a new session id (the anonymous one is dropped, so a planted id
/// is worthless), a new CSRF token and the back-off after failed attempts.
struct LoginRoutes {
    let state: ServerState

    func add(to router: Router<ServerContext>) {
        router.get("/anmelden") { request, context in
            if context.user != nil { return Response.redirect(to: Self.safeTarget(request.uri.queryParameters["weiter"].map(String.init))) }
            return try loginPage(context: context, weiter: request.uri.queryParameters["weiter"].map(String.init),
                                 name: "", error: nil, status: .ok,
                                 notice: request.uri.queryParameters["abgemeldet"] != nil ? "Sie sind abgemeldet." : nil)
        }
        router.post("/anmelden") { request, context in
            var request = request
            let form = try await FormFields.of(&request)
            let name = (form["name"] ?? "").lowercased()
            let weiter = form["weiter"]
            let wait = await state.throttle.wait(name: name, client: context.remoteAddress)
            guard wait == 0 else {
                return try loginPage(context: context, weiter: weiter, name: name,
                                     error: "Zu viele Fehlversuche. Bitte warten Sie \(wait) Sekunden.", status: .tooManyRequests)
            }
            let user: AuthenticatedUser
            do {
                user = try await state.workspace.authenticate(name, password: form["passwort"] ?? "", client: context.remoteAddress,
                                                               hasher: state.hasher)
            } catch let error as ScanPipelineError where error.code == .identity {
                await state.throttle.failed(name: name, client: context.remoteAddress)
                return try loginPage(context: context, weiter: weiter, name: name,
                                     error: "Benutzername oder Passwort ist falsch, oder das Konto ist gesperrt.",
                                     status: .unauthorized)
            }
            await state.throttle.succeeded(name: name)
            let now = Date()
            var session = WebSession.anonymous(now: now)
            session.user = user.name
            session.method = user.method
            session.loggedInAt = now
            session.notice = "Angemeldet als \(user.displayName) (\(user.role.germanName))."
            context.sessions.createSession(session, expiresIn: state.configuration.absoluteTimeout)
            return Response.redirect(to: Self.safeTarget(weiter), type: .normal)
        }
        // "Angemeldet bleiben": the authentication middleware has renewed the idle time already;
        // this answers how long the session has now.
        router.post("/sitzung") { _, context in
            guard context.user != nil else { throw ScanServerError(.forbidden, "Bitte melden Sie sich erneut an.") }
            let body = "{\"sekunden\":\(context.sessionSecondsLeft ?? 0)}"
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.post("/abmelden") { _, context in
            context.sessions.clearSession()
            return Response.redirect(to: "/anmelden?abgemeldet=1", type: .normal)
        }
    }

    private func loginPage(context: ServerContext, weiter: String?, name: String, error: String?,
                           status: HTTPResponse.Status, notice: String? = nil) throws -> Response {
        let content: [String: Any] = [
            "weiter": Self.safeTarget(weiter), "name": name, "error": error.map { $0 as Any } ?? NSNull(),
            "idleMinutes": Int(state.configuration.idleTimeout.seconds / 60),
        ]
        return try state.pages.page("anmelden", title: "Anmeldung", context: context, content: content, status: status,
                                    notice: notice)
    }

    /// Where to go after login: a path of this server only (never `//host` or a scheme).
    static func safeTarget(_ target: String?) -> String {
        guard let target, target.hasPrefix("/"), !target.hasPrefix("//"), !target.contains("\\"),
              !target.hasPrefix("/anmelden") else { return "/" }
        return target
    }
}
