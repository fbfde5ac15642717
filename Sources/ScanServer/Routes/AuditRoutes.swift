import FilePlan
import Foundation
import Hummingbird
import ScanPipeline

/// Berichte (the HTML report of `scanctl report`) and the Prüfpfad (audit verification and export)
/// for auditors.
struct AuditRoutes {
    let state: ServerState

    func add(to router: Router<ServerContext>) {
        router.get("/berichte") { _, context in
            _ = try context.require(.viewReports)
            let content: [String: Any] = ["today": Date().formatted(.iso8601.year().month().day())]
            return try state.pages.page("berichte", title: "Berichte", context: context, content: content)
        }
        router.get("/berichte/bericht.html") { _, context in
            _ = try context.require(.viewReports)
            let report = try await state.workspace.report(plan: state.plan, thumbnails: 24)
            // The report is a self-contained page with its own inline styles and no script.
            return Response(status: .ok, headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
            ], body: ResponseBody(byteBuffer: ByteBuffer(string: ReportPage.html(report))))
        }
        router.get("/pruefpfad") { _, context in
            _ = try context.require(.viewAudit)
            let verification = try await state.workspace.verifyTrail()
            let content: [String: Any] = [
                "intact": verification.isIntact, "events": verification.events, "lastSequence": verification.lastSequence,
                "lastHash": verification.lastHash, "anchors": verification.anchorsChecked,
                "problems": verification.problems.map { ["kind": $0.kind.rawValue, "message": $0.message] },
            ]
            return try state.pages.page("pruefpfad", title: "Prüfpfad", context: context, content: content)
        }
        router.get("/pruefpfad/export.{format}") { _, context in
            _ = try context.require(.viewAudit)
            guard let format = context.parameters.get("format").flatMap(AuditTrailExport.Format.init(rawValue:)) else {
                throw ScanServerError(.notFound, "Dieses Format gibt es nicht (json oder csv).")
            }
            let data = try await state.workspace.auditTrailExport().data(format)
            return Response(status: .ok, headers: [
                .contentType: format == .json ? "application/json" : "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"pruefpfad.\(format.rawValue)\"", .cacheControl: "no-store",
            ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
