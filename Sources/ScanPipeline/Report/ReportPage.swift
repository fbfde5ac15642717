import Foundation
import Plot

/// The report as one self-contained HTML file: styles inline, charts as inline SVG, thumbnails as
/// data URLs, no scripts. Built with Plot, which escapes every text and attribute value. In German:
/// records managers read it (and the workstation shows it under Berichte).
public enum ReportPage {
    static let colors = (automatic: "#2e7d32", reviewed: "#1565c0", review: "#ef6c00", quarantine: "#c62828", bar: "#546e7a")

    public static func html(_ report: WorkspaceReport) -> String {
        let scope = report.batchFilter.map { "Stapel \($0)" } ?? "alle Stapel"
        return HTML(
            .lang(.german),
            .head(
                .meta(.charset(.utf8)),
                .element(named: "title", text: "scanctl-Bericht – \(scope)"),
                .style(css)
            ),
            .body(
                .header(
                    .h1("Bericht über Scannen und Prüfung"),
                    .p(.text("Arbeitsbereich \(report.workspace) · \(scope) · erstellt \(AuditTrail.timestamp(report.generatedAt))"))
                ),
                summary(report),
                confidence(report),
                groups(report),
                reviewQueue(report),
                quarantine(report),
                rescans(report),
                reviewers(report),
                batches(report),
                audit(report)
            )
        ).render(indentedBy: .spaces(1))
    }

    private static func section(_ id: String, _ title: String, _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .element(named: "section", nodes: [.id(id), .h2(.text(title))] + nodes)
    }

    /// A count in a table cell that scripts and tests can find: `data-count="name"`.
    private static func count(_ name: String, _ value: Int) -> Node<HTML.TableRowContext> {
        .td(.attribute(named: "data-count", value: name), .text(String(value)))
    }

    private static func summary(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        let classified = report.filedAutomatically + report.filedAfterReview + report.inReview
        let rows: [(String, String, Int)] = [
            ("Dokumente", "documents", report.documents),
            ("Gescannte Seiten", "pages", report.pages),
            ("Leere Seiten (nicht in der Akte)", "blank-pages", report.blankPages),
            ("Automatisch abgelegt", "filed-automatically", report.filedAutomatically),
            ("Nach Prüfung abgelegt", "filed-after-review", report.filedAfterReview),
            ("In Prüfung", "in-review", report.inReview),
            ("… davon warten auf eine zweite Person (Vier-Augen-Prinzip)", "awaiting-approval", report.awaitingApproval),
            ("In Quarantäne", "quarantined", report.quarantinedCount),
            ("Als nicht aktenrelevant ausgesondert (nie exportiert)", "discarded", report.discarded),
            ("Doppelt eingelieferte Dateien (nicht erneut abgelegt)", "duplicates", report.duplicates),
        ]
        return section("summary", "Übersicht", [
            .table(.forEach(rows) { row in .tr(.th(.text(row.0)), count(row.1, row.2)) }),
            .p(.text("Von \(classified) klassifizierten Dokumenten wurden \(SVGChart.percent(report.filedAutomatically, of: classified)) "
                     + "automatisch abgelegt; die übrigen gingen in die Prüfung.")),
            SVGChart.share([
                .init(label: "automatisch abgelegt", value: report.filedAutomatically, color: colors.automatic),
                .init(label: "nach Prüfung abgelegt", value: report.filedAfterReview, color: colors.reviewed),
                .init(label: "in Prüfung", value: report.inReview, color: colors.review),
                .init(label: "in Quarantäne", value: report.quarantinedCount, color: colors.quarantine),
                .init(label: "ausgesondert", value: report.discarded, color: colors.bar),
            ], title: "Wo die Dokumente sind"),
        ])
    }

    private static func confidence(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        let automatic = report.classified.filter(\.automatic).map(\.confidence)
        let review = report.classified.filter { !$0.automatic }.map(\.confidence)
        return section("confidence", "Sicherheit der Klassifikation", [
            .p(.text("Je Dokument die Wahrscheinlichkeit des besten Vorschlags bis zu einem Blatt des Aktenplans. "
                     + "Dokumente unter den Schwellen gehen in die Prüfung.")),
            SVGChart.histogram(automatic, review, labels: ("automatisch abgelegt", "in die Prüfung"),
                               colors: (colors.automatic, colors.review), title: "Verteilung der Wahrscheinlichkeiten"),
        ])
    }

    private static func groups(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        section("groups", "Akten je Hauptgruppe", [
            SVGChart.bars(report.mainGroups.map { ("\($0.code) \($0.title)", $0.count) }, color: colors.bar,
                          title: "Akten je Hauptgruppe des Aktenplans"),
        ])
    }

    private static func reviewQueue(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        guard !report.reviewQueue.isEmpty else {
            return section("review", "In Prüfung (0)", [.p("Nichts wartet auf eine Prüfung.")])
        }
        return section("review", "In Prüfung (\(report.reviewQueue.count))", [
            .p(.text("Im Browser unter Prüfliste; oder mit scanctl review show ID, review accept, review reclassify.")),
            .table(
                .tr(.th("Seite 1"), .th("Dokument"), .th("Gescannte Datei"), .th("Vorläufig abgelegt unter"), .th("Vorschlag"),
                    .th("Grund")),
                .forEach(report.reviewQueue) { entry in
                    let item = entry.item
                    let why = item.pending.map { "wartet auf eine zweite Person: → \($0.toCode), beantragt von \($0.requestedBy)" }
                        ?? item.reviewReason ?? ""
                    return .tr(
                        .attribute(named: "data-document", value: item.document),
                        .td(entry.thumbnail.map { data in
                            .img(.src("data:image/png;base64,\(data.base64EncodedString())"),
                                 .alt("erste Seite von \((item.source as NSString).lastPathComponent)"))
                        } ?? .text("–")),
                        .td(.element(named: "code", text: String(item.document.prefix(8)))),
                        .td(.text((item.source as NSString).lastPathComponent)),
                        .td(.text(item.planCode.map { "\($0) \(item.planTitle ?? "")" } ?? "–")),
                        .td(.text(item.suggestion.map { "\($0.code) \($0.title) (\(String(format: "%.2f", $0.probability)))" } ?? "–")),
                        .td(.text(why))
                    )
                }
            ),
        ])
    }

    private static func quarantine(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        guard !report.quarantined.isEmpty else {
            return section("quarantine", "Dateien in Quarantäne (0)", [.p("Keine Datei kam in Quarantäne.")])
        }
        return section("quarantine", "Dateien in Quarantäne (\(report.quarantined.count))", [
            .table(
                .tr(.th("Datei"), .th("Code"), .th("Grund"), .th("Wann")),
                .forEach(report.quarantined) { entry in
                    .tr(.td(.text(entry.path)), .td(.element(named: "code", text: entry.code)), .td(.text(entry.reason)),
                        .td(.text(entry.time)))
                }
            ),
        ])
    }

    private static func rescans(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        guard !report.rescans.isEmpty else {
            return section("rescans", "Seiten zum Nachscannen (0)", [.p("Die Qualitätsprüfung hat keine Seite markiert.")])
        }
        let open = report.rescans.filter { $0.status == "open" }.count
        return section("rescans", "Seiten zum Nachscannen (\(report.rescans.count), davon \(open) offen)", [
            .if(report.recordsWithOpenFlags > 0,
                .p(.class("warning"), .text("\(report.recordsWithOpenFlags) abgelegte Akte(n) haben eine Seite mit offener Markierung: "
                                            + "im Browser unter Dokument → Nachscannen, oder scanctl rescan DOC --page N DATEI."))),
            .table(
                .tr(.th("Dokument"), .th("Datei"), .th("Seite"), .th("Markiert wegen"), .th("Stand"), .th("Von"), .th("Grund"), .th("Wann")),
                .forEach(report.rescans) { line in
                    .tr(.attribute(named: "data-rescan", value: line.status),
                        .td(.element(named: "code", text: String(line.document.prefix(8)))),
                        .td(.text((line.source as NSString).lastPathComponent)), .td(.text(String(line.page))),
                        .td(.text(line.flags.joined(separator: "; "))),
                        .td(.text(line.status == "open" ? "offen (Dokument: \(line.state))" : line.status == "replaced" ? "ersetzt" : "so belassen")),
                        .td(.text(line.by ?? "–")), .td(.text(line.reason ?? "–")), .td(.text(line.time ?? "–")))
                }
            ),
        ])
    }

    private static func reviewers(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        guard !report.reviewers.isEmpty else {
            return section("reviewers", "Entscheidungen je Person", [.p("Noch keine Prüfungen.")])
        }
        return section("reviewers", "Entscheidungen je Person", [
            .table(
                .tr(.th("Person"), .th("Übernommen"), .th("Umgeordnet"), .th("Zweite Person angefragt"),
                    .th("Freigegeben (als zweite Person)"), .th("Abgelehnt"), .th("Ausgesondert")),
                .forEach(report.reviewers) { activity in
                    .tr(.attribute(named: "data-reviewer", value: activity.reviewer), .td(.text(activity.reviewer)),
                        count("accepted", activity.accepted), count("reclassified", activity.reclassified),
                        count("requested", activity.requested), count("approved", activity.approved),
                        count("rejected", activity.rejected), count("discarded", activity.discarded))
                }
            ),
        ])
    }

    private static func batches(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        section("batches", "Stapel (\(report.batches.count))", [
            .table(
                .tr(.th("Stapel"), .th("Geöffnet"), .th("Geschlossen"), .th("Bediener"), .th("Profil"), .th("Schutzbedarf"),
                    .th("Dokumente"), .th("Seiten"), .th("Transfervermerk"), .th("Aktenplan")),
                .forEach(report.batches) { batch in
                    .tr(.td(.element(named: "code", text: String(batch.id.prefix(8)))), .td(.text(batch.openedAt)),
                        .td(.text(batch.closedAt ?? "offen")), .td(.text(batch.operatorName)), .td(.text(batch.profile)),
                        .td(.text(batch.schutzbedarf)), .td(.text(String(batch.documents))), .td(.text(String(batch.pages))),
                        .td(.text(["sealed": "versiegelt", "written": "geschrieben, nicht versiegelt"][batch.transfervermerk] ?? "fehlt")), .td(.text(batch.planVersion)))
                }
            ),
        ])
    }

    private static func audit(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        let verification = report.audit
        let status = verification.firstBroken.map { "UNTERBROCHEN bei Ereignis \($0.sequence): \($0.reason)" }
            ?? "unversehrt: \(verification.events) Ereignisse, letzter Hash \(verification.lastHash)"
        return section("audit", "Prüfpfad", [
            .p(.attribute(named: "data-audit", value: verification.isIntact ? "intact" : "broken"),
               .class(verification.isIntact ? "ok" : "broken"), .text(status)),
            .p(.text("Dieser Bericht prüft die Hash-Kette und die Aktendateien, die er liest (metadata.json, die PDFs der "
                     + "Vorschaubilder), gegen die im Prüfpfad festgehaltenen Hashes; die Anker des Prüfpfads und jede "
                     + "Aktendatei prüft scanctl audit verify --records.")),
            .p(.text("Selbst prüfen: im Browser unter Prüfpfad oder mit scanctl audit verify; für die Prüfung von außen: "
                     + "scanctl audit export --format csv.")),
        ])
    }

    static let css = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #212121; }
        h1 { margin-bottom: 0.2em; } header p { color: #616161; margin-top: 0; }
        section { margin-top: 2em; }
        table { border-collapse: collapse; margin: 0.5em 0; }
        table { font-size: 14px; }
        th, td { border-bottom: 1px solid #e0e0e0; padding: 4px 10px; text-align: left; vertical-align: top; }
        td[data-count] { text-align: right; font-variant-numeric: tabular-nums; }
        img { border: 1px solid #bdbdbd; max-width: 160px; }
        .ok { color: #2e7d32; font-weight: bold; } .broken { color: #c62828; font-weight: bold; }
        svg text { fill: #424242; font-family: system-ui, sans-serif; }
        """
}
