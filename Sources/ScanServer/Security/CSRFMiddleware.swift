import Foundation
import HTTPTypes
import Hummingbird

/// Every request that can change something (anything but GET and HEAD) must come from a page of
/// this server: its Origin (or Referer) names this host when the browser sends one, and its form
/// carries the session's CSRF token. Otherwise it is refused with 403 before any handler runs, so
/// nothing is written.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        guard Self.sameOrigin(request) else {
            throw ScanServerError(.csrfRejected, "Die Anfrage kam nicht von einer Seite dieses Servers und wurde abgewiesen.")
        }
        var request = request
        // A file upload carries its token as a part of the multipart form; only a logged-in user
        // may send one (an anonymous form is read as a small one, and refused).
        let token = MultipartForm.isMultipart(request) && context.user != nil ? try await MultipartForm.of(&request)["csrf"]
            : try await FormFields.of(&request)["csrf"]
        guard let token, !context.csrf.isEmpty, Self.constantTimeEqual(token, context.csrf) else {
            throw ScanServerError(.csrfRejected, "Das Formular ist abgelaufen oder ungültig (CSRF-Schutz). "
                                  + "Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.")
        }
        return try await next(request, context)
    }

    /// Whether Origin (or, without it, Referer) names the host the request was sent to; a request
    /// with neither passes on its token alone (some privacy settings strip both).
    static func sameOrigin(_ request: Request) -> Bool {
        let host = request.head.authority
        let claimed = request.headers[.origin] ?? request.headers[.referer]
        guard let claimed else { return true }
        guard claimed != "null", let url = URL(string: claimed), let claimedHost = url.host else { return false }
        let claimedAuthority = url.port.map { "\(claimedHost):\($0)" } ?? claimedHost
        return claimedAuthority.lowercased() == host?.lowercased()
    }

    static func constantTimeEqual(_ one: String, _ other: String) -> Bool {
        let a = Array(one.utf8), b = Array(other.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
