import HTTPTypes
import Hummingbird
import ScanPipeline

/// The one error type of ScanServer: a stable code, the HTTP status it answers with and a message
/// in German for the page the user sees.
struct ScanServerError: Error, Sendable, Equatable {
    enum Code: String, Sendable {
        /// The role does not allow the page or action.
        case forbidden
        /// No such document, request or page (or one the user may not see).
        case notFound = "not-found"
        /// The document moved meanwhile (someone else reviewed it): nothing was written.
        case conflict
        /// A form field is missing or invalid.
        case badRequest = "bad-request"
        /// The form's CSRF token or the request's Origin did not match: nothing was written.
        case csrfRejected = "csrf-rejected"
        /// Too many failed logins: wait.
        case throttled
        /// A page template is missing or broken (a broken installation).
        case rendering
    }

    var code: Code
    /// What the page says, in German.
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    static func forbidden(_ message: String = "Ihre Rolle erlaubt diese Seite oder Aktion nicht.") -> ScanServerError {
        ScanServerError(.forbidden, message)
    }

    var status: HTTPResponse.Status {
        switch code {
        case .forbidden, .csrfRejected: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .badRequest: .badRequest
        case .throttled: .tooManyRequests
        case .rendering: .internalServerError
        }
    }

    /// A ScanPipeline refusal as the browser shows it.
    init(_ error: ScanPipelineError) {
        switch error.code {
        case .forbidden: self.init(.forbidden, "Ihre Rolle erlaubt das nicht: \(error.reason)")
        case .staleState, .illegalTransition:
            self.init(.conflict, "Das Dokument wurde inzwischen geändert (\(error.reason)). Bitte laden Sie es neu.")
        case .unknownID: self.init(.notFound, "Nicht gefunden: das Dokument gibt es nicht, oder Ihre Rolle darf es nicht sehen.")
        case .lockHeld: self.init(.conflict, "Der Arbeitsbereich ist gerade durch einen anderen Lauf von scanctl belegt. "
                                  + "Bitte versuchen Sie es in einigen Minuten noch einmal.")
        default: self.init(.badRequest, "Abgelehnt: \(error.reason)")
        }
    }
}
