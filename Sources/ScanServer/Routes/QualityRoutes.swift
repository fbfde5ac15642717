import Foundation
import Hummingbird
import HummingbirdAuth
import ScanPipeline

/// Stichprobe per batch (TR-RESISCAN): the rounds with their drawn pages, each shown beside its
/// check form ("In Ordnung" / "Mangel" with kind and note), the verdict and what is open, drawing a
/// round and the Freigabe zur Vernichtung des Papiers; the same library calls as `scanctl qa`.
struct QualityRoutes {
    let state: ServerState

    struct PageRow {
        var reference: String
        var file: String
        var page: Int
        var image: String
        var source: String
        var check: String
        var open: Bool
        var formID: String
    }

    struct RoundRow {
        var number: Int
        var summary: String
        var result: String
        var pages: [PageRow]
    }

    func add(to router: Router<ServerContext>) {
        router.get("/stapel/{id}/stichprobe") { _, context in
            let user = try context.require(.viewBatches)
            let batch = try await state.workspace.qualityBatchID(try context.parameters.require("id"))
            let report = try await state.workspace.qualityReport(batch: batch)
            let canCheck = user.permits(.qualityCheck) && report.release == nil
            let rounds = report.rounds.reversed().map { round in
                RoundRow(number: round.number, summary: Self.summary(round), result: Self.german(round.result), pages: round.pages.map { page in
                    PageRow(reference: page.page.reference, file: page.page.file, page: page.page.filePage ?? page.page.page,
                            image: "/stapel/\(batch)/stichprobe/seiten/\(page.page.document)/\(page.page.page).png",
                            source: "/stapel/\(batch)/stichprobe/quelle/\(page.page.document)/\(page.page.page).png",
                            check: Self.german(page.latest), open: page.latest?.outcome != .ok,
                            formID: page.page.reference.replacingOccurrences(of: ":", with: "-"))
                })
            }
            let content: [String: Any] = [
                "id": batch, "shortID": String(batch.prefix(8)), "recordPages": report.recordPages, "rounds": rounds,
                "hasRounds": !rounds.isEmpty, "verdict": Self.german(report.verdict), "verdictReason": report.germanVerdictReason,
                "blockers": Self.germanBlockers(report), "hasBlockers": !report.blockers.isEmpty,
                "unprocessed": report.unprocessed.map { "\($0.path): \($0.reason)" }, "hasUnprocessed": !report.unprocessed.isEmpty,
                "openDefects": report.openDefects.count, "resolvedDefects": report.resolvedDefects.count,
                "canCheck": canCheck, "showImages": user.permits(.qualityCheck),
                "canRelease": user.permits(.releasePaper) && report.mayRelease,
                "release": report.release.map { "Freigegeben von \($0.by) am \(GermanWording.dateTime($0.at))"
                    + ($0.reason.map { ": \($0)" } ?? "") } ?? NSNull(),
                "defects": QualityDefect.allCases.map { ["value": $0.rawValue, "label": $0.germanName] },
            ]
            var response = try state.pages.page("stichprobe", title: "Stichprobe Stapel \(String(batch.prefix(8)))", context: context,
                                                content: content)
            response.headers[.cacheControl] = "no-store"
            return response
        }

        router.get("/stapel/{id}/stichprobe/seiten/{document}/{page}") { _, context in
            let (user, document, number) = try Self.imageRequest(context)
            return Self.png(try await state.workspace.qualityPageImage(document, page: number, for: user, policy: try state.policy()))
        }
        router.get("/stapel/{id}/stichprobe/quelle/{document}/{page}") { _, context in
            let (user, document, number) = try Self.imageRequest(context)
            return Self.png(try await state.workspace.qualitySourceImage(document, page: number, for: user, policy: try state.policy()))
        }

        router.post("/stapel/{id}/stichprobe/ziehen") { request, context in
            let user = try context.require(.qualityCheck)
            var request = request
            let form = try await FormFields.of(&request)
            let batch = try await state.workspace.qualityBatchID(try context.parameters.require("id"))
            let count = Int(form["anzahl"]?.trimmingCharacters(in: .whitespaces) ?? "")
            let rate = Double((form["quote"] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
            let size: QualitySampleRule.Size
            switch (count, rate) {
            case (let count?, nil): size = .count(count)
            case (nil, let rate?): size = .rate(rate)
            default: throw ScanServerError(.badRequest, "Bitte geben Sie entweder die Anzahl der Seiten oder die Quote in Prozent an.")
            }
            guard let acceptance = Int((form["zulaessig"] ?? "0").trimmingCharacters(in: .whitespaces)), acceptance >= 0 else {
                throw ScanServerError(.badRequest, "Die zulässige Zahl an Mängeln ist eine ganze Zahl ab 0.")
            }
            let seed = (form["startwert"] ?? "").trimmingCharacters(in: .whitespaces)
            guard seed.isEmpty || UInt64(seed) != nil else {
                throw ScanServerError(.badRequest, "Der Startwert ist eine ganze Zahl ab 0 (leer: zufällig).")
            }
            let round = try await state.workspace.drawQualitySample(batch: batch, rule: QualitySampleRule(size: size, acceptance: acceptance),
                                                                    seed: UInt64(seed), by: user)
            context.sessions.withLockedSession {
                $0?.notice = "Runde \(round.number) gezogen: \(round.sampleSize) von \(round.population) Seiten, Startwert \(round.seed)."
            }
            return Response.redirect(to: "/stapel/\(batch)/stichprobe", type: .normal)
        }

        router.post("/stapel/{id}/stichprobe/pruefen") { request, context in
            let user = try context.require(.qualityCheck)
            var request = request
            let form = try await FormFields.of(&request)
            let batch = try await state.workspace.qualityBatchID(try context.parameters.require("id"))
            let page = try form.required("seite", label: "Seite")
            let check: QualityReport.Check
            switch form["ergebnis"] {
            case "ok":
                check = try await state.workspace.checkQualityPage(page, outcome: .ok, by: user)
            case "mangel":
                guard let kind = form["art"].flatMap({ QualityDefect(rawValue: $0) }) else {
                    throw ScanServerError(.badRequest, "Bitte wählen Sie die Art des Mangels.")
                }
                let note = try form.required("notiz", label: "Beschreibung des Mangels")
                check = try await state.workspace.checkQualityPage(page, outcome: .defect, defect: kind, note: note, by: user)
            default:
                throw ScanServerError(.badRequest, "Bitte wählen Sie „In Ordnung“ oder „Mangel“.")
            }
            context.sessions.withLockedSession {
                $0?.notice = "Seite \(check.page.reference) (\(check.page.file)): " + Self.german(check)
            }
            return Response.redirect(to: "/stapel/\(batch)/stichprobe", type: .normal)
        }

        router.post("/stapel/{id}/freigabe") { request, context in
            let user = try context.require(.releasePaper)
            var request = request
            let form = try await FormFields.of(&request)
            let batch = try await state.workspace.qualityBatchID(try context.parameters.require("id"))
            let reason = form["grund"]
            _ = try await state.workspace.releasePaper(batch: batch, reason: reason, by: user, sealKey: state.configuration.sealKey)
            context.sessions.withLockedSession { $0?.notice = "Das Papier des Stapels ist zur Vernichtung freigegeben." }
            return Response.redirect(to: "/stapel/\(batch)/stichprobe", type: .normal)
        }
    }

    /// The user (who may check samples), document and page number of an image's address.
    static func imageRequest(_ context: ServerContext) throws -> (AuthenticatedUser, String, Int) {
        let user = try context.require(.qualityCheck)
        let document = try context.parameters.require("document").lowercased()
        let text = context.parameters.get("page") ?? ""
        guard UUID(uuidString: document) != nil, text.hasSuffix(".png"), let number = Int(text.dropLast(4)), number >= 1 else {
            throw ScanServerError(.notFound, "Diese Seite gibt es nicht.")
        }
        return (user, document, number)
    }

    static func png(_ data: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// What stands in the way of the release, in German, from the report's facts.
    static func germanBlockers(_ report: QualityReport) -> [String] {
        var blockers: [String] = []
        if !report.batchClosed { blockers.append("Der Lauf des Stapels ist noch nicht abgeschlossen.") }
        if report.verdict != .passed { blockers.append("Die Stichprobe ist nicht bestanden: " + report.germanVerdictReason) }
        for defect in report.openDefects {
            blockers.append("Seite \(defect.page.reference) (\(defect.page.file), Seite \(defect.page.filePage ?? defect.page.page)): Mangel "
                            + "„\(defect.defect?.germanName ?? "")“ offen – nachscannen und erneut prüfen.")
        }
        for page in report.flaggedPages {
            blockers.append("Seite \(page.page.reference) (\(page.page.file), Seite \(page.page.filePage ?? page.page.page)) ist zum Nachscannen markiert.")
        }
        for file in report.quarantinedFiles {
            blockers.append("\(file) liegt in der Quarantäne und ist in keiner Akte: erneut verarbeiten oder entlassen.")
        }
        return blockers
    }

    static func summary(_ round: QualityReport.Round) -> String {
        let asked = round.ratePercent.map { " (\(GermanWording.decimal($0, digits: $0 == $0.rounded() ? 0 : 1)) %)" } ?? ""
        return "\(round.sampleSize) von \(round.population) Seiten\(asked), Startwert \(round.seed), gezogen von \(round.drawnBy) "
            + "am \(GermanWording.dateTime(round.drawnAt)); \(round.checked) geprüft, \(round.defects) mit Mangel, "
            + "höchstens \(round.acceptance) zulässig" + (round.tightened ? " (verschärfte Prüfung)" : "")
    }

    static func german(_ verdict: QualityReport.Verdict) -> String {
        switch verdict {
        case .open: "offen"
        case .passed: "bestanden"
        case .failed: "nicht bestanden"
        }
    }

    static func german(_ check: QualityReport.Check?) -> String {
        guard let check else { return "noch nicht geprüft" }
        let who = " (\(check.checkedBy), \(GermanWording.dateTime(check.checkedAt)))"
        switch check.outcome {
        case .ok: return "in Ordnung" + who
        case .defect: return "Mangel: \(check.defect?.germanName ?? "") – \(check.note ?? "")" + who
        }
    }
}
