import FilePlan
import Foundation
import Hummingbird
import ScanPipeline

/// The Prüfliste: the review queue with filters, sorting, paging and the user's saved views, read
/// from the database alone (``Workspace/reviewQueue(_:for:policy:)``).
struct QueueRoutes {
    let state: ServerState

    struct Row {
        var id: String
        var shortID: String
        var source: String
        var aktenzeichen: String
        var state: String
        var planCode: String
        var suggestion: String
        var probability: String
        var lowConfidence: Bool
        var schutzbedarf: String
        var pages: Int
        /// Nil when none: a section shows for 0 too.
        var rescanPages: Int?
        var waiting: String?
        var link: String
    }

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct ViewLink {
        var name: String
        var href: String
    }

    func add(to router: Router<ServerContext>) {
        router.get("/pruefliste") { request, context in
            let user = try context.require(.viewQueue)
            let query = ReviewQueueQuery(queryItems: Self.queryItems(of: request))
            let policy = try state.policy()
            let page = try await state.workspace.reviewQueue(query, for: user, policy: policy)
            let views = try await state.workspace.savedViews(of: user)
            let queryString = query.queryString(page: false)
            let rows = page.rows.map { row in
                Row(id: row.document, shortID: String(row.document.prefix(8)), source: (row.source as NSString).lastPathComponent,
                    aktenzeichen: row.aktenzeichen ?? "–", state: Self.germanState(row.state), planCode: row.planCode ?? "–",
                    suggestion: row.suggestedCode.map { code in
                        state.plan.node(code: code).map { "\(code) \($0.title)" } ?? code
                    } ?? "–",
                    probability: Self.percent(row.confidence), lowConfidence: row.confidence < 0.5,
                    schutzbedarf: row.schutzbedarf, pages: row.pageCount, rescanPages: row.rescanPages > 0 ? row.rescanPages : nil,
                    waiting: row.pendingTo.map { "→ \($0) (angefragt von \(row.pendingBy ?? "?"))" },
                    link: "/dokumente/\(row.document)" + (queryString.isEmpty ? "" : "?" + queryString))
            }
            func options<T>(_ values: [T], selected: T?, value: (T) -> String, label: (T) -> String) -> [Option] {
                values.map { Option(value: value($0), label: label($0), selected: selected.map(value) == value($0)) }
            }
            let content: [String: Any] = [
                "rows": rows, "hasRows": !rows.isEmpty, "total": page.total, "page": query.page, "pages": page.pageCount,
                "previous": query.page > 1 ? Self.link(query, page: query.page - 1) as Any : NSNull(),
                "next": query.page < page.pageCount ? Self.link(query, page: query.page + 1) as Any : NSNull(),
                "states": options(ReviewFilter.States.allCases, selected: query.states, value: \.rawValue, label: Self.germanStates),
                "sorts": options(ReviewQueueQuery.Sort.allCases, selected: query.sort, value: \.rawValue, label: Self.germanSort),
                "levels": [Option(value: "", label: "alle", selected: query.schutzbedarf == nil)]
                    + options(Schutzbedarf.allCases, selected: query.schutzbedarf, value: \.rawValue, label: \.rawValue),
                "unter": query.below.map { String($0) } ?? "", "code": query.code?.written ?? "", "batch": query.batch ?? "",
                "quelle": query.source ?? "", "text": query.text ?? "", "query": queryString,
                "views": views.map { ViewLink(name: $0.name, href: "/pruefliste" + ($0.query.isEmpty ? "" : "?" + $0.query)) },
                "hasViews": !views.isEmpty, "canReview": user.permits(.review),
            ]
            return try state.pages.page("pruefliste", title: "Prüfliste", context: context, content: content)
        }
        router.post("/ansichten") { request, context in
            let user = try context.require(.viewQueue)
            var request = request
            let form = try await FormFields.of(&request)
            let name = try form.required("name", label: "Name der Ansicht")
            guard name.count <= 80 else { throw ScanServerError(.badRequest, "Der Name der Ansicht ist zu lang (höchstens 80 Zeichen).") }
            // Stored as the normalised query, so that a saved view never holds anything the queue does not read.
            let query = ReviewQueueQuery(queryString: form["query"] ?? "")
            try await state.workspace.saveView(named: name, query: query.queryString(page: false), for: user)
            return Response.redirect(to: "/pruefliste?" + query.queryString(page: false), type: .normal)
        }
    }

    static func queryItems(of request: Request) -> [URLQueryItem] {
        URLComponents(string: request.uri.string)?.queryItems ?? []
    }

    static func link(_ query: ReviewQueueQuery, page: Int) -> String {
        var query = query
        query.page = page
        let string = query.queryString()
        return "/pruefliste" + (string.isEmpty ? "" : "?" + string)
    }

    static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded())) %"
    }

    static func germanState(_ state: String) -> String { DocumentState(rawValue: state)?.germanName ?? state }

    static func germanStates(_ states: ReviewFilter.States) -> String {
        switch states {
        case .needsReview: "in Prüfung"
        case .filed: "abgelegt"
        case .discarded: "nicht aktenrelevant"
        case .all: "alle (außer nicht aktenrelevant)"
        }
    }

    static func germanSort(_ sort: ReviewQueueQuery.Sort) -> String {
        switch sort {
        case .arrival: "Eingang"
        case .confidence: "Wahrscheinlichkeit (niedrigste zuerst)"
        case .code: "Aktenplan"
        case .source: "Dateiname"
        }
    }
}
