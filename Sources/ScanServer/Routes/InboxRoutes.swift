import Foundation
import Hummingbird
import ScanPipeline

/// The Posteingang: the batches with their counts and Transfervermerk.
struct InboxRoutes {
    let state: ServerState

    struct BatchRow {
        var id: String
        var shortID: String
        var openedAt: String
        var operatorName: String
        var profile: String
        var schutzbedarf: String
        var documents: Int
        var pages: Int
        var transfervermerk: String
    }

    func add(to router: Router<ServerContext>) {
        router.get("/") { _, context in
            _ = try context.require(.viewBatches)
            let report = try await state.workspace.report(plan: state.plan, thumbnails: 0)
            let rows = report.batches.reversed().map { batch in
                BatchRow(id: batch.id, shortID: String(batch.id.prefix(8)), openedAt: batch.openedAt, operatorName: batch.operatorName,
                         profile: batch.profile, schutzbedarf: batch.schutzbedarf, documents: batch.documents, pages: batch.pages,
                         transfervermerk: Self.germanSealState(batch.transfervermerk))
            }
            let content: [String: Any] = [
                "batches": rows, "hasBatches": !rows.isEmpty, "inReview": report.inReview,
                "quarantined": report.quarantinedCount, "awaitingApproval": report.awaitingApproval,
            ]
            return try state.pages.page("posteingang", title: "Posteingang", context: context, content: content)
        }
    }

    static func germanSealState(_ state: String) -> String {
        switch state {
        case "sealed": "versiegelt"
        case "written": "geschrieben, nicht versiegelt"
        default: "fehlt (Stapel offen)"
        }
    }
}
