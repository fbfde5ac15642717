import Foundation
import ScanPipeline

/// What the server keeps per browser session (in memory, never in the cookie, which holds only a
/// random id): the user once logged in, the CSRF token of every form, and the times that bound it.
struct WebSession: Codable, Sendable {
    /// The logged-in user's name; nil before login (the login form still needs a CSRF token).
    var user: String?
    /// How the user was authenticated (`password`, `proxy`).
    var method: String?
    /// Compared with the `csrf` field of every form.
    var csrf: String
    /// When the user logged in (for the absolute timeout).
    var loggedInAt: Date?
    /// The last request (for the idle timeout).
    var lastSeen: Date
    /// A message for the next page (after a redirect), shown in the status region.
    var notice: String?

    static func anonymous(now: Date = Date()) -> WebSession {
        WebSession(user: nil, method: nil, csrf: Self.randomToken(), loggedInAt: nil, lastSeen: now, notice: nil)
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
