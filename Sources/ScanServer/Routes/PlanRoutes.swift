import FilePlan
import Foundation
import Hummingbird
import ScanPipeline

/// The plan picker: searches the Aktenplan (stemmed words, compounds, small typos, as `scanctl
/// plan search`) and offers each fileable node to take back to the document being reclassified.
struct PlanRoutes {
    let state: ServerState
    let search: PlanSearch

    struct Hit {
        var code: String
        var title: String
        var path: String
        var fileable: Bool
        var take: String
    }

    func add(to router: Router<ServerContext>) {
        router.get("/plan") { request, context in
            _ = try context.require(.viewQueue)
            let items = QueueRoutes.queryItems(of: request)
            let q = items.first { $0.name == "q" }?.value?.trimmingCharacters(in: .whitespaces) ?? ""
            let back = items.first { $0.name == "zurueck" }?.value ?? ""
            let query = items.first { $0.name == "query" }?.value ?? ""
            let document = back.count == 36 && back.allSatisfy({ $0.isHexDigit || $0 == "-" }) ? back : nil
            let hits = q.isEmpty ? [] : search.search(q).prefix(40).map { hit in
                let code = hit.node.code.written
                var link = document.map { "/dokumente/\($0)?" + (query.isEmpty ? "" : query + "&") } ?? ""
                link += "code-neu=" + (code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? code) + "#code"
                return Hit(code: code, title: hit.node.title,
                           path: state.plan.path(to: hit.node).dropLast().map { "\($0.code.written) \($0.title)" }.joined(separator: " › "),
                           fileable: hit.node.children.isEmpty && !hit.node.closed, take: link)
            }
            let content: [String: Any] = ["q": q, "hasQuery": !q.isEmpty, "zurueck": document ?? "", "query": query, "hits": Array(hits),
                                          "searched": !q.isEmpty, "hasHits": !hits.isEmpty, "hasDocument": document != nil]
            return try state.pages.page("plan", title: "Aktenplan durchsuchen", context: context, content: content)
        }
    }
}
