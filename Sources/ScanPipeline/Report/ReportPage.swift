import Foundation
import Plot

/// The report as one self-contained HTML file: styles inline, charts as inline SVG, thumbnails as
/// data URLs, no scripts. Built with Plot, which escapes every text and attribute value.
public enum ReportPage {
    static let colors = (automatic: "#2e7d32", reviewed: "#1565c0", review: "#ef6c00", quarantine: "#c62828", bar: "#546e7a")

    public static func html(_ report: WorkspaceReport) -> String {
        let scope = report.batchFilter.map { "batch \($0)" } ?? "all batches"
        return HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .element(named: "title", text: "scanctl report – \(scope)"),
                .style(css)
            ),
            .body(
                .header(
                    .h1("Scanning and review report"),
                    .p(.text("Workspace \(report.workspace) · \(scope) · generated \(AuditTrail.timestamp(report.generatedAt))"))
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
            ("Documents", "documents", report.documents),
            ("Pages scanned", "pages", report.pages),
            ("Blank pages left out", "blank-pages", report.blankPages),
            ("Filed automatically", "filed-automatically", report.filedAutomatically),
            ("Filed after review", "filed-after-review", report.filedAfterReview),
            ("In review", "in-review", report.inReview),
            ("… of which waiting for a second reviewer", "awaiting-approval", report.awaitingApproval),
            ("Quarantined", "quarantined", report.quarantinedCount),
            ("Discarded as nicht aktenrelevant (never exported)", "discarded", report.discarded),
            ("Duplicates not filed again", "duplicates", report.duplicates),
        ]
        return section("summary", "Summary", [
            .table(.forEach(rows) { row in .tr(.th(.text(row.0)), count(row.1, row.2)) }),
            .p(.text("Of \(classified) classified documents, \(SVGChart.percent(report.filedAutomatically, of: classified)) "
                     + "were filed automatically; the rest went to review.")),
            SVGChart.share([
                .init(label: "filed automatically", value: report.filedAutomatically, color: colors.automatic),
                .init(label: "filed after review", value: report.filedAfterReview, color: colors.reviewed),
                .init(label: "in review", value: report.inReview, color: colors.review),
                .init(label: "quarantined", value: report.quarantinedCount, color: colors.quarantine),
                .init(label: "discarded", value: report.discarded, color: colors.bar),
            ], title: "Where the documents are"),
        ])
    }

    private static func confidence(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        let automatic = report.classified.filter(\.automatic).map(\.confidence)
        let review = report.classified.filter { !$0.automatic }.map(\.confidence)
        return section("confidence", "Classifier confidence", [
            .p(.text("The probability of the classifier's best placement down to a leaf of the file plan, per document. "
                     + "Documents below the thresholds go to review.")),
            SVGChart.histogram(automatic, review, labels: ("filed automatically", "sent to review"),
                               colors: (colors.automatic, colors.review), title: "Confidence histogram"),
        ])
    }

    private static func groups(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        section("groups", "Records per main group", [
            SVGChart.bars(report.mainGroups.map { ("\($0.code) \($0.title)", $0.count) }, color: colors.bar,
                          title: "Records per main group of the file plan"),
        ])
    }

    private static func reviewQueue(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        guard !report.reviewQueue.isEmpty else {
            return section("review", "In review (0)", [.p("Nothing waits for review.")])
        }
        return section("review", "In review (\(report.reviewQueue.count))", [
            .p(.text("Look at a document with scanctl review show ID; file it with review accept or review reclassify.")),
            .table(
                .tr(.th("Page 1"), .th("Document"), .th("Scanned file"), .th("Filed provisionally"), .th("Suggestion"),
                    .th("Why")),
                .forEach(report.reviewQueue) { entry in
                    let item = entry.item
                    let why = item.pending.map { "waits for a second reviewer: → \($0.toCode), asked by \($0.requestedBy)" }
                        ?? item.reviewReason ?? ""
                    return .tr(
                        .attribute(named: "data-document", value: item.document),
                        .td(entry.thumbnail.map { data in
                            .img(.src("data:image/png;base64,\(data.base64EncodedString())"),
                                 .alt("first page of \((item.source as NSString).lastPathComponent)"))
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
            return section("quarantine", "Quarantined files (0)", [.p("No file was quarantined.")])
        }
        return section("quarantine", "Quarantined files (\(report.quarantined.count))", [
            .table(
                .tr(.th("File"), .th("Code"), .th("Reason"), .th("When")),
                .forEach(report.quarantined) { entry in
                    .tr(.td(.text(entry.path)), .td(.element(named: "code", text: entry.code)), .td(.text(entry.reason)),
                        .td(.text(entry.time)))
                }
            ),
        ])
    }

    private static func rescans(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        guard !report.rescans.isEmpty else {
            return section("rescans", "Pages flagged for rescan (0)", [.p("No page was flagged by the quality gate.")])
        }
        let open = report.rescans.filter { $0.status == "open" }.count
        return section("rescans", "Pages flagged for rescan (\(report.rescans.count), \(open) open)", [
            .if(report.recordsWithOpenFlags > 0,
                .p(.class("warning"), .text("\(report.recordsWithOpenFlags) filed record(s) have a page whose flag is unresolved: "
                                            + "scanctl rescan DOC --page N FILE, or --accept --reason TEXT."))),
            .table(
                .tr(.th("Document"), .th("File"), .th("Page"), .th("Flagged for"), .th("Now"), .th("By"), .th("Why"), .th("When")),
                .forEach(report.rescans) { line in
                    .tr(.attribute(named: "data-rescan", value: line.status),
                        .td(.element(named: "code", text: String(line.document.prefix(8)))),
                        .td(.text((line.source as NSString).lastPathComponent)), .td(.text(String(line.page))),
                        .td(.text(line.flags.joined(separator: "; "))),
                        .td(.text(line.status == "open" ? "open (document \(line.state))" : line.status)),
                        .td(.text(line.by ?? "–")), .td(.text(line.reason ?? "–")), .td(.text(line.time ?? "–")))
                }
            ),
        ])
    }

    private static func reviewers(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        guard !report.reviewers.isEmpty else {
            return section("reviewers", "Corrections per reviewer", [.p("No reviews yet.")])
        }
        return section("reviewers", "Corrections per reviewer", [
            .table(
                .tr(.th("Reviewer"), .th("Accepted"), .th("Reclassified"), .th("Asked a second reviewer"),
                    .th("Approved (second reviewer)"), .th("Rejected"), .th("Discarded")),
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
        section("batches", "Batches (\(report.batches.count))", [
            .table(
                .tr(.th("Batch"), .th("Opened"), .th("Closed"), .th("Operator"), .th("Profile"), .th("Schutzbedarf"),
                    .th("Documents"), .th("Pages"), .th("Transfervermerk"), .th("File plan")),
                .forEach(report.batches) { batch in
                    .tr(.td(.element(named: "code", text: String(batch.id.prefix(8)))), .td(.text(batch.openedAt)),
                        .td(.text(batch.closedAt ?? "open")), .td(.text(batch.operatorName)), .td(.text(batch.profile)),
                        .td(.text(batch.schutzbedarf)), .td(.text(String(batch.documents))), .td(.text(String(batch.pages))),
                        .td(.text(batch.transfervermerk)), .td(.text(batch.planVersion)))
                }
            ),
        ])
    }

    private static func audit(_ report: WorkspaceReport) -> Node<HTML.BodyContext> {
        let verification = report.audit
        let status = verification.firstBroken.map { "BROKEN at event \($0.sequence): \($0.reason)" }
            ?? "intact: \(verification.events) events, last hash \(verification.lastHash)"
        return section("audit", "Audit trail", [
            .p(.attribute(named: "data-audit", value: verification.isIntact ? "intact" : "broken"),
               .class(verification.isIntact ? "ok" : "broken"), .text(status)),
            .p(.text("This page checks the hash chain, and the record files it reads (metadata.json, the PDFs of the "
                     + "thumbnails) against the hashes the trail recorded; the trail's anchors and every record file are "
                     + "checked by scanctl audit verify --records.")),
            .p(.text("Check it yourself: scanctl audit verify; for an external auditor: scanctl audit export --format csv.")),
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
