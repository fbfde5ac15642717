import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import ScanPipeline

/// Renders the German pages from the bundled Mustache templates: every page inside one layout
/// (navigation by role, the status region, the session warning, the CSRF token of its forms).
/// Mustache escapes every value, so OCR text and file names never become markup.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() async throws {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil) else {
            throw ScanServerError(.rendering, "Die Seitenvorlagen fehlen in der Installation.")
        }
        library = try await MustacheLibrary(directory: folder.path)
    }

    /// The page `template` with `content`, titled `title`, for the user of `context`.
    func page(_ template: String, title: String, context: ServerContext, content: Any,
              status: HTTPResponse.Status = .ok, notice: String? = nil) throws -> Response {
        let model = PageModel(title: title, context: context, content: content, notice: notice ?? context.notice)
        guard let html = library.render(model, withTemplate: template) else {
            throw ScanServerError(.rendering, "Die Seitenvorlage „\(template)“ fehlt.")
        }
        return Self.html(html, status: status)
    }

    /// An error page: what went wrong, in German, with the status it answers with.
    func errorPage(_ error: ScanServerError, context: ServerContext) -> Response {
        let title = switch error.code {
        case .forbidden, .csrfRejected: "Nicht erlaubt"
        case .notFound: "Nicht gefunden"
        case .conflict: "Inzwischen geändert"
        case .throttled: "Bitte warten"
        default: "Fehler"
        }
        let content = ["message": error.message, "code": error.code.rawValue]
        return (try? page("fehler", title: title, context: context, content: content, status: error.status))
            ?? Self.html("<!doctype html><html lang=\"de\"><title>\(title)</title><p>\(error.code.rawValue)</p></html>",
                         status: error.status)
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}

/// What the layout shows around every page.
struct PageModel {
    struct NavigationItem {
        var href: String
        var label: String
        var current: Bool
    }

    var title: String
    var userName: String?
    var userDisplayName: String?
    var roleName: String?
    var csrf: String
    var navigation: [NavigationItem]
    var notice: String?
    var sessionSecondsLeft: Int?
    var content: Any

    init(title: String, context: ServerContext, content: Any, notice: String?) {
        self.title = title
        self.userName = context.user?.name
        self.userDisplayName = context.user?.displayName
        self.roleName = context.user?.role.germanName
        self.csrf = context.csrf
        self.notice = notice
        self.sessionSecondsLeft = context.sessionSecondsLeft
        self.content = content
        let path = context.path
        self.navigation = context.user.map { user in
            Self.sections.filter { user.permits($0.permission) }.map { section in
                NavigationItem(href: section.href, label: section.label,
                               current: section.href == "/" ? path == "/" : path.hasPrefix(section.href))
            }
        } ?? []
    }

    /// The main navigation: each section with the permission that shows it.
    static let sections: [(href: String, label: String, permission: Permission)] = [
        ("/", "Posteingang", .viewBatches),
        ("/pruefliste", "Prüfliste", .viewQueue),
        ("/freigaben", "Freigaben", .approve),
        ("/quarantaene", "Quarantäne", .viewBatches),
        ("/berichte", "Berichte", .viewReports),
        ("/pruefpfad", "Prüfpfad", .viewAudit),
    ]
}
