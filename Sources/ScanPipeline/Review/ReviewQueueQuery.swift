public import FilePlan
public import Foundation

/// A view of the review queue as the browser's Prüfliste asks for it: filters, sort order and
/// page, with a round trip to and from a URL's query (so that a view can be saved, linked and
/// come back after "Übernehmen & weiter").
public struct ReviewQueueQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        /// Oldest batch first, then by source path (the order the paper arrived in).
        case arrival
        /// Least confident first: the likeliest problems on top.
        case confidence
        case code
        case source
    }

    public var states: ReviewFilter.States
    /// Only documents whose suggestion's probability is below this.
    public var below: Double?
    /// Only documents filed under this node or below it.
    public var code: PlanCode?
    /// Only documents of this batch (its id or its start).
    public var batch: String?
    public var schutzbedarf: Schutzbedarf?
    /// Only documents whose source file's path contains this.
    public var source: String?
    /// Only documents whose recognised text contains this.
    public var text: String?
    /// Only documents with a change waiting for a second reviewer (the Freigaben); not part of the
    /// query string.
    public var awaitingApproval = false
    /// Only these documents (a selection for a bulk change); never part of the query string.
    public var documents: [String]?
    public var sort: Sort
    /// 1-based.
    public var page: Int
    public var pageSize: Int

    public init(states: ReviewFilter.States = .needsReview, below: Double? = nil, code: PlanCode? = nil,
                batch: String? = nil, schutzbedarf: Schutzbedarf? = nil, source: String? = nil, text: String? = nil,
                sort: Sort = .arrival, page: Int = 1, pageSize: Int = 50) {
        self.states = states
        self.below = below
        self.code = code
        self.batch = batch
        self.schutzbedarf = schutzbedarf
        self.source = source
        self.text = text
        self.sort = sort
        self.page = max(1, page)
        self.pageSize = min(max(1, pageSize), 500)
    }

    /// The query from a URL's query items; unknown or malformed values fall back to no filter.
    public init(queryItems: [URLQueryItem]) {
        func value(_ name: String) -> String? {
            queryItems.first { $0.name == name }?.value?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        }
        self.init(states: value("state").flatMap(ReviewFilter.States.init(rawValue:)) ?? .needsReview,
                  below: value("unter").flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
                      .flatMap { (0...1).contains($0) ? $0 : nil },
                  code: value("code").flatMap(PlanCode.init), batch: value("batch"),
                  schutzbedarf: value("schutzbedarf").flatMap(Schutzbedarf.init(rawValue:)), source: value("quelle"),
                  text: value("text"), sort: value("sort").flatMap(Sort.init(rawValue:)) ?? .arrival,
                  page: value("seite").flatMap(Int.init) ?? 1)
    }

    /// The query from a query string (without `?`, percent-encoded), as a form or a saved view holds it.
    public init(queryString: String) {
        self.init(queryItems: URLComponents(string: "?" + queryString)?.queryItems ?? [])
    }

    /// The query items of this view (only what differs from the default), without the page when
    /// `page` is false.
    public func queryItems(page withPage: Bool = true) -> [URLQueryItem] {
        var items: [URLQueryItem] = []
        if states != .needsReview { items.append(.init(name: "state", value: states.rawValue)) }
        if let below { items.append(.init(name: "unter", value: String(below))) }
        if let code { items.append(.init(name: "code", value: code.written)) }
        if let batch { items.append(.init(name: "batch", value: batch)) }
        if let schutzbedarf { items.append(.init(name: "schutzbedarf", value: schutzbedarf.rawValue)) }
        if let source { items.append(.init(name: "quelle", value: source)) }
        if let text { items.append(.init(name: "text", value: text)) }
        if sort != .arrival { items.append(.init(name: "sort", value: sort.rawValue)) }
        if withPage, page != 1 { items.append(.init(name: "seite", value: String(page))) }
        return items
    }

    /// The view as a query string (without `?`), percent-encoded.
    public func queryString(page withPage: Bool = true) -> String {
        var components = URLComponents()
        components.queryItems = queryItems(page: withPage)
        return components.percentEncodedQuery ?? ""
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
