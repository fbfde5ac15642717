import FilePlan
import Foundation
import Hummingbird
import HummingbirdAuth
import ScanPipeline

/// The Dokument page: page images beside the OCR text, the candidates per level with their
/// evidence, retention and disposal, the history; accept, "Übernehmen & weiter", reclassify with a
/// reason, discard. Every form carries the version of the document it was shown with: a document
/// that moved meanwhile is answered 409 and not overwritten.
struct DocumentRoutes {
    let state: ServerState

    struct Candidate {
        var code: String
        var title: String
        var level: Int
        var probability: String
        var evidence: String
    }

    struct HistoryLine {
        var time: String
        var who: String
        var action: String
    }

    struct PageImage {
        var number: Int
        var src: String
    }

    func add(to router: Router<ServerContext>) {
        router.get("/dokumente/{id}") { request, context in
            let user = try context.require(.viewQueue)
            let id = try Self.documentID(context)
            let detail = try await state.workspace.reviewDetail(id, for: user, policy: try state.policy())
            let item = detail.item
            let metadata = detail.metadata
            let query = QueueRoutes.queryItems(of: request).filter { $0.name != "fokus" && $0.name != "code-neu" }
            let queryString = ReviewQueueQuery(queryItems: query).queryString(page: false)
            let node = item.planCode.flatMap { state.plan.node(code: $0) }
            let candidates = metadata.classification.candidates.map { candidate in
                Candidate(code: candidate.code, title: candidate.title, level: candidate.level,
                          probability: QueueRoutes.percent(candidate.probability), evidence: candidate.evidence.map(GermanWording.evidence).joined(separator: "; "))
            }
            let pages = (1...max(1, metadata.pagesInRecord)).map { number in
                PageImage(number: number, src: "/dokumente/\(id)/seiten/\(number).png")
            }
            let content: [String: Any] = [
                "id": id, "shortID": String(id.prefix(8)), "source": (item.source as NSString).lastPathComponent,
                "state": QueueRoutes.germanState(item.state), "planCode": item.planCode ?? "–", "planTitle": item.planTitle ?? "",
                "suggestion": item.suggestion.map { "\($0.code) \($0.title)" } ?? "–",
                "probability": QueueRoutes.percent(item.confidence), "lowConfidence": item.confidence < 0.5,
                "reviewReason": Self.shown(item.reviewReason.map(GermanWording.reviewReason)), "schutzbedarf": item.schutzbedarf,
                "retention": (metadata.retention ?? node?.retention?.description).map(GermanWording.retention) ?? "–",
                "disposal": Self.germanDisposal(metadata.disposal), "aktenzeichen": Self.shown(metadata.aktenzeichen.joined(separator: ", ")),
                "candidates": candidates, "text": detail.textExcerpt, "pages": pages,
                "history": detail.history.reversed().map { event in
                    HistoryLine(time: GermanWording.dateTime(event.time), who: event.actorName, action: GermanWording.action(event.action))
                },
                "pending": Self.shown(item.pending.map { "\($0.fromCode ?? "–") → \($0.toCode), angefragt von \($0.requestedBy): \($0.reason)" }),
                "decidable": item.pending == nil && ["needs-review", "filed"].contains(item.state),
                "rescannable": user.permits(.rescan) && item.pending == nil && ["needs-review", "filed"].contains(item.state),
                "flaggedPages": Self.shown(metadata.pages.compactMap { page in
                    page.rescan.map { "Seite \(page.number): " + GermanWording.reviewReason($0.joined(separator: ", ")) }
                }.joined(separator: "; ")),
                "flaggedNumbers": metadata.pages.filter { $0.rescan != nil }.map { String($0.number) }.joined(separator: ","),
                "canReview": user.permits(.review), "canDiscard": user.permits(.discard),
                "version": Self.version(of: detail), "query": queryString,
                "queryEncoded": queryString.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                "code": QueueRoutes.queryItems(of: request).first { $0.name == "code-neu" }?.value ?? "",
                "back": "/pruefliste" + (queryString.isEmpty ? "" : "?" + queryString),
            ]
            var response = try state.pages.page("dokument", title: "Dokument \(String(id.prefix(8))): \(content["source"]!)",
                                                context: context, content: content)
            response.headers[.cacheControl] = "no-store"
            return response
        }

        router.get("/dokumente/{id}/seiten/{page}") { _, context in
            let user = try context.require(.viewQueue)
            let id = try Self.documentID(context)
            let text = context.parameters.get("page") ?? ""
            guard text.hasSuffix(".png"), let number = Int(text.dropLast(4)), number >= 1 else {
                throw ScanServerError(.notFound, "Diese Seite gibt es nicht.")
            }
            let data = try await state.workspace.pageImage(id, page: number, for: user, policy: try state.policy())
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }

        // The Prüfliste's thumbnail: the first page, small.
        router.get("/dokumente/{id}/vorschau.png") { _, context in
            let user = try context.require(.viewQueue)
            let id = try Self.documentID(context)
            let data = try await state.workspace.pageImage(id, page: 1, resolution: 30, for: user, policy: try state.policy())
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=300"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }

        router.post("/dokumente/{id}/annehmen") { request, context in
            try await decide(request, context) { id, form, session in
                _ = try await state.workspace.review(.accept, documents: [id], reason: form["reason"], session: session)
                return "Angenommen."
            }
        }
        router.post("/dokumente/{id}/umordnen") { request, context in
            try await decide(request, context) { id, form, session in
                let code = try form.required("code", label: "Aktenplan")
                let reason = try form.required("reason", label: "Begründung")
                let outcome = try await state.workspace.review(.reclassify(to: code), documents: [id], reason: reason, session: session)
                return outcome.first?.result == .awaitingApproval
                    ? "Umordnung nach \(code) beantragt: sie wartet auf die Freigabe durch eine zweite Person (Vier-Augen-Prinzip)."
                    : "Umgeordnet nach \(code)."
            }
        }
        router.post("/dokumente/{id}/aussondern") { request, context in
            try await decide(request, context) { id, form, session in
                let reason = try form.required("reason", label: "Begründung")
                let outcome = try await state.workspace.discard(documents: [id], reason: reason, session: session)
                return outcome.first?.result == .awaitingApproval
                    ? "Als nicht aktenrelevant beantragt: wartet auf die Freigabe durch eine zweite Person."
                    : "Als nicht aktenrelevant ausgesondert."
            }
        }
    }

    /// Runs a decision on the document: checks the form's version against the document as it is
    /// now (409 when it moved), then redirects to the document, or with `weiter` to the next one
    /// of the view, with the result in the status region.
    private func decide(_ request: Request, _ context: ServerContext,
                        _ action: (String, FormFields, ReviewSession) async throws -> String) async throws -> Response {
        let user = try context.require(.viewQueue)
        let id = try Self.documentID(context)
        var request = request
        let form = try await FormFields.of(&request)
        let policy = try state.policy()
        let detail = try await state.workspace.reviewDetail(id, for: user, policy: policy)
        guard form["version"] == Self.version(of: detail) else {
            throw ScanServerError(.conflict, "Das Dokument wurde inzwischen geändert (von jemand anderem oder in einem anderen "
                                  + "Fenster). Ihre Änderung wurde nicht gespeichert; bitte sehen Sie es sich neu an.")
        }
        let query = ReviewQueueQuery(queryString: form["query"] ?? "")
        let next = form["weiter"] != nil
            ? try await state.workspace.nextInQueue(after: id, query: query, for: user, policy: policy) : nil
        let session = ReviewSession(user: user, plan: state.plan, policy: policy, software: state.configuration.software)
        let message = try await action(id, form, session)
        context.sessions.withLockedSession { $0?.notice = message }
        let queryString = query.queryString(page: false)
        if form["weiter"] != nil {
            guard let next else {
                context.sessions.withLockedSession { $0?.notice = message + " Die Prüfliste ist abgearbeitet." }
                return Response.redirect(to: "/pruefliste" + (queryString.isEmpty ? "" : "?" + queryString), type: .normal)
            }
            return Response.redirect(to: "/dokumente/\(next)?" + (queryString.isEmpty ? "" : queryString + "&") + "fokus=titel",
                                     type: .normal)
        }
        return Response.redirect(to: "/dokumente/\(id)" + (queryString.isEmpty ? "" : "?" + queryString), type: .normal)
    }

    static func documentID(_ context: ServerContext) throws -> String {
        guard let id = context.parameters.get("id"), id.count == 36,
              id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw ScanServerError(.notFound, "Dieses Dokument gibt es nicht.")
        }
        return id.lowercased()
    }

    /// What a decision was made on: it changes with every review, request, rewrite and rescan.
    static func version(of detail: ReviewDetail) -> String {
        let item = detail.item
        return [item.state, item.planCode ?? "", item.pending?.id ?? "", item.reviewed?.time ?? "",
                String(detail.metadata.rescans?.count ?? 0)].joined(separator: "|")
    }

    /// A value for a template section: Mustache shows a section for any non-null value, even an
    /// empty string, so what is absent is passed as null.
    static func shown(_ text: String?) -> Any {
        guard let text, !text.isEmpty else { return NSNull() }
        return text
    }

    static func germanDisposal(_ code: String?) -> String {
        switch code {
        case "A": "A – archivwürdig"
        case "B": "B – bewerten"
        case "V": "V – vernichten"
        default: "–"
        }
    }
}

