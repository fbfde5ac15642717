import FilePlan
import Foundation
import Hummingbird
import HummingbirdAuth
import ScanPipeline

/// Sammelbearbeitung: accept or reclassify a selection of the Prüfliste in two steps, as
/// Paperless-ngx's bulk edit does: the selection is shown with what would happen to each document
/// (nothing is written), then applied. A document the classifier was unsure of (probability below
/// 50 %) or with pages flagged for rescan is listed apart and only changed when ticked on that
/// page: a bulk change never files one without saying so and asking.
struct BulkRoutes {
    let state: ServerState

    /// At most this many documents per bulk change (the Prüfliste's largest page).
    static let maximumSelection = 200
    /// Below this probability a document needs its own tick.
    static let unsureBelow = 0.5

    struct Line {
        var id: String
        var shortID: String
        var source: String
        var planCode: String
        var target: String
        var probability: String
        var version: String
        /// Why it needs its own tick (unsure, rescan), nil when it does not.
        var warning: String?
        /// What the change would do: "abgelegt unter …", "wartet dann auf Freigabe …".
        var effect: String
    }

    struct Excluded {
        var shortID: String
        var source: String
        var why: String
    }

    func add(to router: Router<ServerContext>) {
        router.post("/pruefliste/sammel") { request, context in
            let user = try context.require(.review)
            var request = request
            let form = try await FormFields.of(&request)
            let selection = try Self.selection(form)
            let action = try Self.action(form)
            let reason = form["reason"]
            let rows = try await rows(selection, for: user)
            var lines: [Line] = []
            var excluded: [Excluded] = []
            for id in selection {
                guard let row = rows[id] else {
                    excluded.append(Excluded(shortID: String(id.prefix(8)), source: "–", why: "nicht (mehr) in der Prüfliste"))
                    continue
                }
                if let why = Self.notDecidable(row) {
                    excluded.append(Excluded(shortID: String(id.prefix(8)), source: Self.fileName(row), why: why))
                    continue
                }
                lines.append(Line(id: id, shortID: String(id.prefix(8)), source: Self.fileName(row), planCode: row.planCode ?? "–",
                                  target: "", probability: QueueRoutes.percent(row.confidence), version: Self.version(of: row),
                                  warning: Self.warning(row), effect: ""))
            }
            // What would happen, as the library decides it (four eyes included), without writing.
            let session = ReviewSession(user: user, plan: state.plan, policy: try state.policy(), software: state.configuration.software)
            if !lines.isEmpty {
                let outcomes = try await state.workspace.review(action, documents: lines.map(\.id), reason: reason,
                                                                session: session, dryRun: true)
                for (index, line) in lines.enumerated() {
                    guard let outcome = outcomes.first(where: { $0.document == line.id }) else { continue }
                    lines[index].target = outcome.to.map { code in state.plan.node(code: code).map { "\(code) \($0.title)" } ?? code } ?? "–"
                    lines[index].effect = Self.effect(outcome)
                }
            }
            let safe = lines.filter { $0.warning == nil }
            let risky = lines.filter { $0.warning != nil }
            let content: [String: Any] = [
                "safe": safe, "hasSafe": !safe.isEmpty, "risky": risky, "hasRisky": !risky.isEmpty,
                "excluded": excluded, "hasExcluded": !excluded.isEmpty,
                "aktion": Self.actionValue(action), "code": Self.code(of: action) ?? "", "reason": reason as Any? ?? NSNull(),
                "isReclassify": Self.code(of: action) != nil, "actionLabel": Self.actionLabel(action),
                "query": form["query"] ?? "", "back": "/pruefliste" + ((form["query"] ?? "").isEmpty ? "" : "?" + (form["query"] ?? "")),
                "unsurePercent": Int(Self.unsureBelow * 100), "any": !lines.isEmpty,
            ]
            return try state.pages.page("sammel", title: "Sammelbearbeitung prüfen", context: context, content: content)
        }

        router.post("/pruefliste/sammel/ausfuehren") { request, context in
            let user = try context.require(.review)
            var request = request
            let form = try await FormFields.of(&request)
            let action = try Self.action(form)
            let confirmed = Set(form.values("bestaetigt"))
            // The safe lines come as hidden fields; a flagged one only when its box was ticked.
            let chosen = form.values("dokument") + form.values("unsicher").filter { confirmed.contains($0) }
            guard !chosen.isEmpty else {
                throw ScanServerError(.badRequest, "Keine Dokumente ausgewählt: es wurde nichts geändert.")
            }
            let selection = try Self.checked(chosen)
            let rows = try await rows(selection, for: user)
            for id in selection {
                guard let row = rows[id], form["version-\(id)"] == Self.version(of: row), Self.notDecidable(row) == nil else {
                    throw ScanServerError(.conflict, "Mindestens ein Dokument der Auswahl wurde inzwischen geändert "
                                          + "(\(id.prefix(8))). Es wurde nichts geändert; bitte prüfen Sie die Auswahl neu.")
                }
                if Self.warning(row) != nil, !confirmed.contains(id) {
                    throw ScanServerError(.badRequest, "Dokument \(id.prefix(8)) braucht eine ausdrückliche Bestätigung.")
                }
            }
            let session = ReviewSession(user: user, plan: state.plan, policy: try state.policy(), software: state.configuration.software)
            let outcomes = try await state.workspace.review(action, documents: selection, reason: form["reason"], session: session)
            let waiting = outcomes.filter { $0.result == .awaitingApproval }.count
            var message = "Sammelbearbeitung: \(outcomes.count - waiting) Dokument(e) \(Self.code(of: action) == nil ? "angenommen" : "umgeordnet")"
            if waiting > 0 { message += ", \(waiting) \(waiting == 1 ? "wartet" : "warten") auf die Freigabe durch eine zweite Person" }
            let query = ReviewQueueQuery(queryString: form["query"] ?? "").queryString(page: false)
            context.sessions.withLockedSession { $0?.notice = message + "." }
            return Response.redirect(to: "/pruefliste" + (query.isEmpty ? "" : "?" + query), type: .normal)
        }
    }

    /// The selected documents' queue rows, as the user may see them.
    private func rows(_ ids: [String], for user: AuthenticatedUser) async throws -> [String: ReviewQueuePage.Row] {
        var query = ReviewQueueQuery(states: .all, pageSize: Self.maximumSelection)
        query.documents = ids
        let page = try await state.workspace.reviewQueue(query, for: user, policy: try state.policy())
        return Dictionary(page.rows.map { ($0.document, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func selection(_ form: FormFields) throws -> [String] {
        let ids = form.values("dokument")
        guard !ids.isEmpty else {
            throw ScanServerError(.badRequest, "Bitte wählen Sie in der Prüfliste mindestens ein Dokument aus.")
        }
        return try checked(ids)
    }

    static func checked(_ ids: [String]) throws -> [String] {
        var seen = Set<String>()
        let unique = ids.map { $0.lowercased() }.filter { seen.insert($0).inserted }
        guard unique.count <= maximumSelection else {
            throw ScanServerError(.badRequest, "Höchstens \(maximumSelection) Dokumente auf einmal.")
        }
        guard unique.allSatisfy({ $0.count == 36 && $0.allSatisfy { $0.isHexDigit || $0 == "-" } }) else {
            throw ScanServerError(.badRequest, "Die Auswahl enthält eine ungültige Dokumentnummer.")
        }
        return unique
    }

    static func action(_ form: FormFields) throws -> ReviewAction {
        switch form["aktion"] {
        case "annehmen": return .accept
        case "umordnen":
            let code = try form.required("code", label: "Neuer Aktenplan")
            guard (form["reason"] ?? "").count >= 3 else {
                throw ScanServerError(.badRequest, "Eine Umordnung braucht eine Begründung (mindestens 3 Zeichen).")
            }
            return .reclassify(to: code)
        default: throw ScanServerError(.badRequest, "Bitte wählen Sie, was mit der Auswahl geschehen soll.")
        }
    }

    static func actionValue(_ action: ReviewAction) -> String { code(of: action) == nil ? "annehmen" : "umordnen" }

    static func code(of action: ReviewAction) -> String? {
        if case .reclassify(let code) = action { return code }
        return nil
    }

    static func actionLabel(_ action: ReviewAction) -> String {
        code(of: action).map { "Umordnen nach \($0)" } ?? "Vorschlag annehmen"
    }

    /// Why a row cannot be changed by a bulk review at all.
    static func notDecidable(_ row: ReviewQueuePage.Row) -> String? {
        if row.pendingTo != nil { return "wartet auf Freigabe einer anderen Änderung" }
        guard [DocumentState.needsReview.rawValue, DocumentState.filed.rawValue].contains(row.state) else {
            return "ist \(QueueRoutes.germanState(row.state)) und kann nicht mehr geprüft werden"
        }
        return nil
    }

    static func warning(_ row: ReviewQueuePage.Row) -> String? {
        var reasons: [String] = []
        if row.confidence < unsureBelow { reasons.append("unsicher: Wahrscheinlichkeit \(QueueRoutes.percent(row.confidence))") }
        if row.rescanPages > 0 { reasons.append("\(row.rescanPages) Seite(n) zum Nachscannen markiert") }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    static func effect(_ outcome: ReviewOutcome) -> String {
        switch outcome.result {
        case .awaitingApproval: "wartet dann auf Freigabe (Vier-Augen-Prinzip: \(outcome.rule ?? "Prüfregel"))"
        case .reclassified: outcome.from == nil ? "wird abgelegt" : "wird umgeordnet"
        case .confirmed: "Ablage wird bestätigt"
        default: outcome.result.rawValue
        }
    }

    /// What the confirmation was shown for: a row that changes afterwards is refused (409).
    static func version(of row: ReviewQueuePage.Row) -> String {
        [row.state, row.updatedAt, row.planCode ?? "", row.suggestedCode ?? "", row.pendingTo ?? "", String(row.rescanPages),
         String(format: "%.4f", row.confidence)].joined(separator: "|")
    }

    static func fileName(_ row: ReviewQueuePage.Row) -> String { (row.source as NSString).lastPathComponent }
}
